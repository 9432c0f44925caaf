//go:build ignore

// gen_errors_doc writes the errors tables of the resource page from the error catalog
// (catalog.go): it replaces each block of templates/resources/trail.md.tmpl that starts with
// {{/* errors table "NAME": ... */ -}} and ends with {{- /* end of errors table "NAME" */}}, so
// that tfplugindocs, which runs after it (main.go), renders them into docs/. Run by go generate
// (make generate) from the repository's root.
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"regexp"
	"strings"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
)

const template = "templates/resources/trail.md.tmpl"

// tables are the blocks of the template, by name: which entries, and the header of the column
// that names the setting to change.
var tables = map[string]struct {
	include func(client.ErrorInfo) bool
	setting string
}{
	"resource": {
		include: func(e client.ErrorInfo) bool {
			return e.Blame == client.BlameResource && e.Retry != client.RetryTransient
		},
		setting: "Argument",
	},
	"provider": {
		include: func(e client.ErrorInfo) bool {
			return e.Blame == client.BlameProvider || e.Retry == client.RetryTransient
		},
		setting: "Setting",
	},
}

var block = regexp.MustCompile(`(?s)(\{\{/\* errors table "(\w+)"[^\n]*?\*/ -\}\}\n)(.*?)(\{\{- /\* end of errors table "(\w+)" \*/\}\})`)

func main() {
	src, err := os.ReadFile(template)
	if err != nil {
		log.Fatal(err)
	}
	seen := map[string]bool{}
	var failed error
	out := block.ReplaceAllFunc(src, func(m []byte) []byte {
		g := block.FindSubmatch(m)
		name := string(g[2])
		t, ok := tables[name]
		if !ok || string(g[5]) != name {
			failed = fmt.Errorf("%s: a block %q ends as %q, or no table has that name", template, name, g[5])
			return m
		}
		seen[name] = true
		return append(append(append([]byte{}, g[1]...), render(t.include, t.setting)...), g[4]...)
	})
	if failed != nil {
		log.Fatal(failed)
	}
	for name := range tables {
		if !seen[name] {
			log.Fatalf("%s has no block for the errors table %q", template, name)
		}
	}
	if bytes.Equal(out, src) {
		return
	}
	if err := os.WriteFile(template, out, 0o644); err != nil {
		log.Fatal(err)
	}
}

func render(include func(client.ErrorInfo) bool, setting string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "| Error (HTTP status) | Stage | %s | What the provider reports | What to do |\n|---|---|---|---|---|\n", setting)
	for _, e := range client.Catalog() {
		if e.Doc.Hidden || !include(e) {
			continue
		}
		stage := e.Doc.Stage
		if stage == "" {
			stage = e.Stages.String()
		}
		fmt.Fprintf(&b, "| `%s` (%d) | %s | %s | %s | %s |\n", e.Code, e.Status, stage, blamed(e), e.Doc.Reports, plain(e.Hint))
	}
	return b.String()
}

func blamed(e client.ErrorInfo) string {
	switch {
	case e.Attribute != "" && e.Blame == client.BlameProvider:
		return "provider `" + e.Attribute + "`"
	case e.Attribute != "":
		return "`" + e.Attribute + "`"
	case e.Retry == client.RetryTransient:
		return "none"
	case e.Blame == client.BlameProvider:
		return "the provider configuration"
	}
	return "the resource"
}

// plain escapes a plain-text hint for a Markdown table cell.
func plain(s string) string {
	return strings.NewReplacer("|", `\|`, "<", `\<`, ">", `\>`, "*", `\*`).Replace(s)
}
