package emulator

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestErrorCodesListsWhatTheEmulatorSends: ErrorCodes is the emulator's catalog, which clients'
// tests compare with their own, so it must be all the emulator can send. It is, as long as every
// answer comes from newError and every code from declareCode/declareFamily at package level: this
// reads the package's source and fails on an error answer or a code made any other way.
func TestErrorCodesListsWhatTheEmulatorSends(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, isFunc := d.(*ast.FuncDecl)
			ast.Inspect(d, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.CompositeLit:
					switch typeName(n.Type) {
					case "apiError":
						if !isFunc || fn.Name.Name != "newError" {
							t.Errorf("%s: an apiError made outside newError: its code may be missing from ErrorCodes", fset.Position(n.Pos()))
						}
					case "ErrorCode":
						if !isFunc || fn.Name.Name != "declareCode" && fn.Name.Name != "declareFamily" {
							t.Errorf("%s: an ErrorCode made outside declareCode/declareFamily: it is missing from ErrorCodes", fset.Position(n.Pos()))
						}
					}
				case *ast.CallExpr:
					if id, ok := n.Fun.(*ast.Ident); ok && (id.Name == "declareCode" || id.Name == "declareFamily") && isFunc {
						t.Errorf("%s: %s called in a function: declare codes once, in a package-level var block", fset.Position(n.Pos()), id.Name)
					}
				}
				return true
			})
		}
	}
}

func typeName(e ast.Expr) string {
	if id, ok := e.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// TestErrorCodesAreUnique: one status per code, each code declared once.
func TestErrorCodesAreUnique(t *testing.T) {
	seen := map[string]int{}
	for _, c := range ErrorCodes() {
		if c.Code == "" || c.Status < 400 {
			t.Errorf("%+v: a code and an error status are needed", c)
		}
		if s, ok := seen[c.Code]; ok {
			t.Errorf("%s declared twice (HTTP %d and %d)", c.Code, s, c.Status)
		}
		seen[c.Code] = c.Status
	}
	if len(seen) < 40 {
		t.Fatalf("only %d codes: the catalog lost its declarations", len(seen))
	}
}
