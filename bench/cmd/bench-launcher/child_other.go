//go:build !linux

package main

import "os/exec"

// tieToLauncher does nothing here: without PR_SET_PDEATHSIG a provider may outlive a launcher
// that was killed (Terraform normally ends the provider itself, through the forwarded signals).
func tieToLauncher(*exec.Cmd) {}
