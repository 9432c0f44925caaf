package bench

import (
	"crypto/tls"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/bench/noop"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator/emulatortest"
)

// The aliases phase (issue 16's cost of provider configurations): a configuration of A provider
// aliases with one trail each. actiontrail's aliases each assume a role in a member account of a
// multi-account emulator (assume_role, over HTTPS: the SDK's STS credential providers call STS
// over HTTPS only); benchnoop's carry the same blocks and do nothing. Each time Terraform
// configures an alias, the provider should make at most one AssumeRole and one GetCallerIdentity.

// The accounts of the aliases phase: the management account, whose key the providers hold, and
// member i, reached through its role aliasRole(i).
const (
	aliasManagementAccount = "1000000000000000"
	aliasManagementKey     = "bench-management-key"
	aliasManagementSecret  = "bench-management-secret"
	aliasSessionName       = "bench"
)

func aliasMember(i int) string { return fmt.Sprintf("2%015d", i+1) }

func aliasRole(i int) string { return "acs:ram::" + aliasMember(i) + ":role/bench-auditor" }

// aliasName names alias i (and its trail's resource).
func aliasName(i int) string { return fmt.Sprintf("a%02d", i) }

// stsActions are the emulator's STS actions: the rest of its counters are ActionTrail's.
var stsActions = []string{"AssumeRole", "AssumeRoleWithOIDC", "GetCallerIdentity"}

// actionTrailCalls drops the STS actions from c.
func actionTrailCalls(c Calls) Calls {
	out := Calls{}
	for k, v := range c {
		out[k] = v
	}
	for _, a := range stsActions {
		delete(out, a)
	}
	return out
}

// AliasAccounts is the emulator's accounts file for a aliases: a resource directory of a
// management account and a members, each member with a role the management account may assume.
func AliasAccounts(a int) emulator.AccountsFile {
	f := emulator.AccountsFile{
		Accounts:          []emulator.AccountEntry{{ID: aliasManagementAccount, AccessKeyID: aliasManagementKey, AccessKeySecret: aliasManagementSecret}},
		ResourceDirectory: &emulator.ResourceDirectory{ManagementAccount: aliasManagementAccount},
	}
	for i := range a {
		f.Accounts = append(f.Accounts, emulator.AccountEntry{
			ID: aliasMember(i), AccessKeyID: fmt.Sprintf("bench-member-%02d-key", i), AccessKeySecret: fmt.Sprintf("bench-member-%02d-secret", i),
		})
		f.Roles = append(f.Roles, emulator.RoleEntry{Arn: aliasRole(i), TrustedAccounts: []string{aliasManagementAccount}})
		f.ResourceDirectory.Members = append(f.ResourceDirectory.Members, aliasMember(i))
	}
	return f
}

// AliasConfig renders a configuration of a aliases of a variant's provider, each with assume_role
// into member i's role and one trail (the matrix's settings) that uses it. benchnoop's provider
// takes the same blocks (its schema is the actiontrail provider's, see package noop).
func AliasConfig(variant string, a int) string {
	typ := resourceType(variant)
	prov := strings.TrimSuffix(typ, "_trail")
	var b strings.Builder
	fmt.Fprintf(&b, "terraform {\n  required_providers {\n    %s = { source = \"openactiontrail/%s\" }\n  }\n}\n", prov, prov)
	for i := range a {
		fmt.Fprintf(&b, `
provider %q {
  alias = %q
  assume_role {
    role_arn     = %q
    session_name = %q
  }
}

resource %q %q {
  provider        = %s.%s
  name            = "bench-alias-%02d"
  region          = "cn-hangzhou"
  oss_bucket_name = "actiontrail-demo-bucket"
  oss_key_prefix  = "bench-prefix"
}
`, prov, aliasName(i), aliasRole(i), aliasSessionName, typ, aliasName(i), prov, aliasName(i), i)
	}
	return b.String()
}

// AliasResult is what the aliases phase measured, by variant and command (key n: the aliases).
type AliasResult struct {
	Aliases, Rounds int
	Times           map[key][]time.Duration
	Calls           map[key][]Calls // the API variants, per round
	Launches        map[key]int     // provider processes per command (last round)
	// CPU is terraform's and its providers' CPU per round, and the emulator's for the API variants:
	// steadier than wall time on a busy machine.
	CPU map[key][]time.Duration
	// Configures counts benchnoop's Configure calls per command and round: how many times
	// Terraform configures the aliases, whichever provider serves them.
	Configures map[key][]int
}

// startAliasEmulator starts the multi-account emulator of the aliases phase over HTTPS, with its
// accounts file and certificate under dir; it returns the emulator and the certificate file.
func (r *runner) startAliasEmulator(dir string) (*emulatorProc, string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, "", err
	}
	raw, err := json.MarshalIndent(AliasAccounts(r.o.Aliases), "", "  ")
	if err != nil {
		return nil, "", err
	}
	accounts := filepath.Join(dir, "accounts.json")
	if err := os.WriteFile(accounts, raw, 0o644); err != nil {
		return nil, "", err
	}
	cert, key, pool, err := emulatortest.WriteSelfSignedCert(dir)
	if err != nil {
		return nil, "", err
	}
	emu, err := startEmulator(r.binary("actiontrail-emulator"), r.logFile("emulator-aliases.log"),
		"-accounts", accounts, "-tls-cert", cert, "-tls-key", key, "-max-trails-per-region", "100000")
	if err != nil {
		return nil, "", err
	}
	emu.client = &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	return emu, cert, nil
}

// aliasEnv is a variant's environment in the aliases phase: the API variants hold the management
// account's key, reach the emulator over HTTPS (trusting its certificate) and assume the members'
// roles; benchnoop counts its configurations in configures.
func (r *runner) aliasEnv(v, url, cert, configures string) []string {
	switch v {
	case Ours, Alt:
		base := r.base
		if v == Alt {
			base = r.altBase
		}
		env := append(append([]string{}, base...),
			"ALICLOUD_ACTIONTRAIL_ENDPOINT="+url, "ALICLOUD_REGION=cn-hangzhou",
			"ALICLOUD_ACCESS_KEY="+aliasManagementKey, "ALICLOUD_SECRET_KEY="+aliasManagementSecret, "SSL_CERT_FILE="+cert)
		return append(env, r.o.EnvOurs...)
	}
	return append(append([]string{}, r.noop...), noop.ConfigureFileEnv+"="+configures)
}

// aliases (phase 5) runs apply, no-op plan and destroy of Aliases provider aliases with one trail
// each, the API variants against the multi-account emulator, alternating with benchnoop's aliases.
func (r *runner) aliases() error {
	o := r.o
	if o.Aliases <= 0 || o.AliasRuns <= 0 {
		return nil
	}
	work := filepath.Join(o.Work, "tf-aliases")
	emu, cert, err := r.startAliasEmulator(filepath.Join(work, "emulator"))
	if err != nil {
		return err
	}
	defer emu.stop()
	r.logf("aliases: %d provider configurations with assume_role, emulator at %s", o.Aliases, emu.URL)
	var vs []string
	dirs := map[string]string{}
	for _, v := range r.variants {
		if v == Core {
			continue
		}
		vs = append(vs, v)
		d := filepath.Join(work, strings.ReplaceAll(v, "@", "-"))
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		for _, f := range []string{"terraform.tfstate", "terraform.tfstate.backup"} {
			_ = os.Remove(filepath.Join(d, f))
		}
		if err := os.WriteFile(filepath.Join(d, "main.tf"), []byte(AliasConfig(v, o.Aliases)), 0o644); err != nil {
			return err
		}
		dirs[v] = d
	}
	res := &AliasResult{Aliases: o.Aliases, Times: map[key][]time.Duration{}, Calls: map[key][]Calls{},
		Launches: map[key]int{}, Configures: map[key][]int{}, CPU: map[key][]time.Duration{}}
	r.res.Aliases = res
	for round := range o.AliasRuns {
		for j := 0; j < len(vs); j++ {
			v := vs[(round+j)%len(vs)]
			for _, cmd := range commands {
				err := r.measureAliases(emu, res, round, v, dirs[v], cert, cmd)
				if err != nil && v == Alt && round == 0 && cmd == CmdApply {
					// The other tree's provider may predate assume_role: the phase goes on without it.
					r.logf("aliases: %s left out: %v", Alt, err)
					vs = slices.DeleteFunc(vs, func(x string) bool { return x == Alt })
					j--
					break
				}
				if err != nil {
					return err
				}
			}
		}
		res.Rounds = round + 1
		if left, err := emu.trailCount(); err != nil || left != 0 {
			return fmt.Errorf("aliases: after round %d the emulator holds %d trails (%v), want 0", round+1, left, err)
		}
	}
	emu.stop()
	return nil
}

// measureAliases runs one command of the aliases phase and records its time, processes, API
// calls (the API variants) and configurations (benchnoop).
func (r *runner) measureAliases(emu *emulatorProc, res *AliasResult, round int, v, dir, cert, cmd string) error {
	a := r.o.Aliases
	configures := r.logFile(fmt.Sprintf("aliases-%d-%s-%s.configures", round+1, strings.ReplaceAll(v, "@", "-"), cmd))
	_ = os.Remove(configures)
	if err := emu.resetCalls(); err != nil {
		return err
	}
	emuBefore := emu.cpu()
	tr, err := r.terraform("aliases-"+v, a, r.aliasEnv(v, emu.URL, cert, configures), dir, []int{0}, commandArgs[cmd]...)
	if err != nil {
		return err
	}
	k := key{v, a, cmd}
	res.Times[k] = append(res.Times[k], tr.Elapsed)
	res.Launches[k] = tr.Launches
	cpu := tr.TotalCPU
	if talksToAPI(v) {
		cpu += emu.cpu() - emuBefore
	}
	res.CPU[k] = append(res.CPU[k], cpu)
	extra := ""
	if talksToAPI(v) {
		c, err := emu.calls()
		if err != nil {
			return err
		}
		res.Calls[k] = append(res.Calls[k], c)
		extra = " calls: " + c.String()
	} else {
		raw, err := os.ReadFile(configures)
		if err != nil && !os.IsNotExist(err) {
			return err
		}
		n := strings.Count(string(raw), "\n")
		res.Configures[k] = append(res.Configures[k], n)
		extra = fmt.Sprintf(" configurations: %d", n)
	}
	r.logf("aliases round %d/%d A=%d %-21s %-7s %6.2fs cpu %6.2fs (%d provider processes)%s", round+1, r.o.AliasRuns, a, v, cmd,
		tr.Elapsed.Seconds(), cpu.Seconds(), tr.Launches, extra)
	return nil
}
