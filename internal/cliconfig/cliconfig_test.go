package cliconfig

import (
	"strings"
	"testing"
)

func TestText(t *testing.T) {
	got := Text(Override{Source: "openactiontrail/actiontrail", Dir: "/bin/a"}, Override{Source: "aliyun/alicloud", Dir: `/bin/b "x"`})
	for _, want := range []string{
		`"registry.terraform.io/openactiontrail/actiontrail" = "/bin/a"`,
		`"registry.opentofu.org/openactiontrail/actiontrail" = "/bin/a"`,
		`"registry.terraform.io/aliyun/alicloud" = "/bin/b \"x\""`,
		`"registry.opentofu.org/aliyun/alicloud" = "/bin/b \"x\""`,
		"disable_checkpoint = true",
		`exclude = ["*/*/*"]`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("no %s in\n%s", want, got)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct{ arg, source, dir string }{
		{"openactiontrail/actiontrail=/tmp/bin", "openactiontrail/actiontrail", "/tmp/bin"},
		{"aliyun/alicloud=/a=b", "aliyun/alicloud", "/a=b"},
	} {
		if o, err := Parse(tc.arg); err != nil || o.Source != tc.source || o.Dir != tc.dir {
			t.Errorf("Parse(%q) = %+v, %v", tc.arg, o, err)
		}
	}
	// Refused: an error, and an empty Override.
	for _, arg := range []string{"actiontrail=/tmp/bin", "openactiontrail/actiontrail=", "openactiontrail/actiontrail", "a/b/c=/x"} {
		if o, err := Parse(arg); err == nil || o.Source != "" || o.Dir != "" {
			t.Errorf("Parse(%q) = %+v, %v", arg, o, err)
		}
	}
}
