package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/cliconfig"
)

// The tests in this package that need what terraform-plugin-testing cannot do (-replace, an
// interrupted apply, two working directories at once) run the terraform binary themselves against
// the provider built from this tree, through a dev_overrides CLI configuration.

// builds holds the binaries built once per test process (see buildOnce), in one temporary
// directory that TestMain removes.
var builds struct {
	mu   sync.Mutex
	root string
	dirs map[string]*build
}

type build struct {
	once sync.Once
	dir  string
	err  error
}

// buildOnce builds the Go package pkg into a directory of its own named name, once per test
// process, and returns that directory; every test of the process shares it (t.TempDir would
// vanish with the first test).
func buildOnce(t *testing.T, name, binary, pkg string) string {
	t.Helper()
	builds.mu.Lock()
	if builds.dirs == nil {
		builds.dirs = map[string]*build{}
	}
	b := builds.dirs[name]
	if b == nil {
		b = &build{}
		builds.dirs[name] = b
	}
	if builds.root == "" {
		root, err := os.MkdirTemp("", "actiontrail-test-bin-") //nolint:usetesting // shared by the process's tests
		if err != nil {
			builds.mu.Unlock()
			t.Fatal(err)
		}
		builds.root = root
	}
	root := builds.root
	builds.mu.Unlock()
	b.once.Do(func() {
		dir := filepath.Join(root, name)
		out, err := exec.Command("go", "build", "-o", filepath.Join(dir, binary), pkg).CombinedOutput()
		if err != nil {
			b.err = fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
			return
		}
		b.dir = dir
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.dir
}

// removeBuilds deletes what buildOnce built; TestMain calls it after the tests.
func removeBuilds() {
	builds.mu.Lock()
	defer builds.mu.Unlock()
	if builds.root != "" {
		_ = os.RemoveAll(builds.root)
	}
}

// providerBinDir builds the provider once per test process and returns the directory holding it.
func providerBinDir(t *testing.T) string {
	t.Helper()
	return buildOnce(t, "actiontrail", "terraform-provider-actiontrail", "github.com/openactiontrail/terraform-provider-actiontrail")
}

// tfCLI is a terraform binary and a CLI configuration that serves this tree's provider.
type tfCLI struct {
	t   *testing.T
	bin string
	rc  string
	env []string // added to every command's environment
	// extra are the other providers of the configurations, served from their own directories.
	extra []devOverride
}

// newTFCLI skips unless acceptance tests run with a local terraform (make test sets both).
func newTFCLI(t *testing.T, env ...string) *tfCLI {
	t.Helper()
	tfBin := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if os.Getenv("TF_ACC") == "" || tfBin == "" {
		t.Skip("runs with TF_ACC=1 and TF_ACC_TERRAFORM_PATH (make test sets both)")
	}
	rc := filepath.Join(t.TempDir(), "terraformrc")
	writeFile(t, rc, devOverridesConfig(providerBinDir(t)))
	return &tfCLI{t: t, bin: tfBin, rc: rc, env: env}
}

// devOverride is another provider a CLI configuration serves from a directory: local is its
// name in required_providers, source its namespace/type.
type devOverride struct {
	local, source, dir string
}

// devOverridesConfig is the CLI configuration (cliconfig.Text) that takes the provider from dir,
// and each extra provider from its own directory, and never downloads one.
func devOverridesConfig(dir string, extra ...devOverride) string {
	overrides := []cliconfig.Override{{Source: "openactiontrail/actiontrail", Dir: dir}}
	for _, o := range extra {
		overrides = append(overrides, cliconfig.Override{Source: o.source, Dir: o.dir})
	}
	return cliconfig.Text(overrides...)
}

// serve adds a provider to the configurations of this CLI: declared in required_providers as
// local (source namespace/type) and served from dir, where terraform-provider-<type> is.
func (c *tfCLI) serve(local, source, dir string) {
	c.t.Helper()
	c.extra = append(c.extra, devOverride{local: local, source: source, dir: dir})
	writeFile(c.t, c.rc, devOverridesConfig(providerBinDir(c.t), c.extra...))
}

// tfDir is one working directory.
type tfDir struct {
	cli *tfCLI
	dir string
}

// dir makes a working directory holding main.tf.
func (c *tfCLI) dir(config string) *tfDir {
	c.t.Helper()
	d := &tfDir{cli: c, dir: c.t.TempDir()}
	d.write(config)
	return d
}

func (d *tfDir) write(config string) {
	d.cli.t.Helper()
	providers := ""
	for _, o := range d.cli.extra {
		providers += fmt.Sprintf("    %s = { source = %q }\n", o.local, o.source)
	}
	writeFile(d.cli.t, filepath.Join(d.dir, "main.tf"), `
terraform {
  required_providers {
    actiontrail = { source = "openactiontrail/actiontrail" }
`+providers+`  }
}
`+config)
}

// command returns terraform with args in this directory (-no-color and -input=false added where
// Terraform takes them).
func (d *tfDir) command(ctx context.Context, args ...string) *exec.Cmd {
	switch args[0] {
	case "plan", "apply", "destroy", "import", "refresh":
		args = append(args, "-no-color", "-input=false")
	case "show", "taint", "untaint", "state":
		args = append(args, "-no-color")
	}
	cmd := exec.CommandContext(ctx, d.cli.bin, args...)
	cmd.Dir = d.dir
	cmd.Env = append(append(os.Environ(), "TF_CLI_CONFIG_FILE="+d.cli.rc, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1"), d.cli.env...)
	return cmd
}

// run runs terraform and returns its combined output and error.
func (d *tfDir) run(args ...string) (string, error) {
	out, err := d.command(context.Background(), args...).CombinedOutput()
	return string(out), err
}

// must runs terraform and fails the test if it fails.
func (d *tfDir) must(args ...string) string {
	d.cli.t.Helper()
	out, err := d.run(args...)
	if err != nil {
		d.cli.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return out
}

// stateTrailNames reads the local state file: the trail names it holds, sorted, and which of them
// are tainted.
func (d *tfDir) stateTrailNames() (names []string, tainted map[string]bool) {
	d.cli.t.Helper()
	tainted = map[string]bool{}
	data, err := os.ReadFile(filepath.Join(d.dir, "terraform.tfstate"))
	if os.IsNotExist(err) {
		return nil, tainted
	}
	if err != nil {
		d.cli.t.Fatal(err)
	}
	var st struct {
		Resources []struct {
			Type      string `json:"type"`
			Instances []struct {
				Status     string `json:"status"`
				Attributes struct {
					Name string `json:"name"`
				} `json:"attributes"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		d.cli.t.Fatalf("state: %v", err)
	}
	for _, r := range st.Resources {
		if r.Type != trailTypeName {
			continue
		}
		for _, in := range r.Instances {
			names = append(names, in.Attributes.Name)
			if in.Status == "tainted" {
				tainted[in.Attributes.Name] = true
			}
		}
	}
	sort.Strings(names)
	return names, tainted
}

// skipBelow skips the test when the CLI is older than major.minor (OpenTofu reports its own
// version, which counts the same way for the features the tests need).
func (c *tfCLI) skipBelow(major, minor int, feature string) {
	c.t.Helper()
	out, err := exec.Command(c.bin, "version", "-json").Output()
	if err != nil {
		c.t.Fatalf("%s version -json: %v", c.bin, err)
	}
	var v struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal(out, &v); err != nil {
		c.t.Fatalf("%s version -json: %v\n%s", c.bin, err, out)
	}
	var gotMajor, gotMinor int
	if _, err := fmt.Sscanf(v.Version, "%d.%d", &gotMajor, &gotMinor); err != nil {
		c.t.Fatalf("version %q: %v", v.Version, err)
	}
	if gotMajor < major || (gotMajor == major && gotMinor < minor) {
		c.t.Skipf("%s needs %d.%d or later; the CLI is %s", feature, major, minor, v.Version)
	}
}
