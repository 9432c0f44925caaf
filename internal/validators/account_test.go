package validators

import "testing"

func TestAccountIDProblem(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"digits", "1234567890123456", ""},
		{"one digit", "1", ""},
		{"empty", "", "its account ID must not be empty"},
		{"letter", "12a4", `its account ID contains the character "a" at position 3; only digits (0-9) are allowed`},
		{"space", "12 4", `its account ID contains a space at position 3; only digits (0-9) are allowed`},
		{"minus", "-1", `its account ID contains the character "-" at position 1; only digits (0-9) are allowed`},
		{"not UTF-8", "1\xff", "its account ID contains a byte that is not valid UTF-8 at position 2"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := AccountIDProblem(tc.in); got != tc.want {
				t.Errorf("AccountIDProblem(%q) = %q, want %q", tc.in, got, tc.want)
			}
		})
	}
}
