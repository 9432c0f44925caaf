package emulator

import (
	"errors"
	"fmt"
	"maps"
	"net/http"
	"sync"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/actiontrail"
)

// raceCreate runs CreateTrail for each name in its own goroutine, each with its own SDK client, and
// returns the number of successes and the error codes.
func raceCreate(t *testing.T, cfg Config, names []string) (*Server, int, map[string]int) {
	t.Helper()
	s, ts := startServer(t, cfg)
	clients := make([]*actiontrail.Client, len(names))
	for i := range clients {
		clients[i] = newClient(t, ts)
	}
	var (
		mu    sync.Mutex
		ok    int
		codes = make(map[string]int)
		wg    sync.WaitGroup
		start = make(chan struct{})
	)
	for i, name := range names {
		wg.Go(func() {
			<-start
			_, err := clients[i].CreateTrail(createRequest(name))
			mu.Lock()
			defer mu.Unlock()
			var se *sdkerrors.ServerError
			switch {
			case err == nil:
				ok++
			case errors.As(err, &se):
				codes[fmt.Sprintf("%s %d", se.ErrorCode(), se.HttpStatus())]++
			default:
				t.Errorf("CreateTrail %s: %v", name, err)
			}
		})
	}
	close(start)
	wg.Wait()
	return s, ok, codes
}

func distinctNames(n int) []string {
	names := make([]string, n)
	for i := range names {
		names[i] = fmt.Sprintf("trail-%03d", i)
	}
	return names
}

// TestConcurrentCreates: CreateTrails at the same time create what they would create one after the
// other, and the rest answer the one error they would.
func TestConcurrentCreates(t *testing.T) {
	sameName := make([]string, 20)
	for i := range sameName {
		sameName[i] = "contested-trail"
	}
	for _, tt := range []struct {
		name      string
		maxTrails int // Config.MaxTrailsPerRegion; 0: DefaultMaxTrailsPerRegion
		names     []string
		created   int
		err       string // the code and status of the others
	}{
		{"distinct names", 100, distinctNames(50), 50, ""},
		{"quota", 0, distinctNames(50), 5, fmt.Sprintf("MaximumNumberOfTrailsExceededException %d", http.StatusForbidden)},
		{"same name", 0, sameName, 1, fmt.Sprintf("TrailAlreadyExistsException %d", http.StatusBadRequest)},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg := testConfig()
			cfg.MaxTrailsPerRegion = tt.maxTrails
			s, ok, codes := raceCreate(t, cfg, tt.names)
			want := map[string]int{}
			if tt.err != "" {
				want[tt.err] = len(tt.names) - tt.created
			}
			if ok != tt.created || !maps.Equal(codes, want) {
				t.Errorf("%d created, errors %v; want %d created and errors %v", ok, codes, tt.created, want)
			}
			if n := len(s.Trails()); n != tt.created {
				t.Errorf("%d trails stored, want %d", n, tt.created)
			}
			if n := s.Calls()["CreateTrail"]; n != int64(len(tt.names)) {
				t.Errorf("%d CreateTrail calls counted, want %d", n, len(tt.names))
			}
		})
	}
}

// TestConcurrentMixed runs every action at once on shared trails, for the race detector.
func TestConcurrentMixed(t *testing.T) {
	cfg := testConfig()
	cfg.MaxTrailsPerRegion = 100
	s, ts := startServer(t, cfg)
	var wg sync.WaitGroup
	for g := range 10 {
		wg.Go(func() {
			c := newClient(t, ts)
			name := fmt.Sprintf("mixed-%02d", g%3)
			_, _ = c.CreateTrail(createRequest(name))
			start := actiontrail.CreateStartLoggingRequest()
			start.Name = name
			_, _ = c.StartLogging(start)
			upd := actiontrail.CreateUpdateTrailRequest()
			upd.Name = name
			upd.EventRW = "All"
			_, _ = c.UpdateTrail(upd)
			_, _ = c.DescribeTrails(actiontrail.CreateDescribeTrailsRequest())
			st := actiontrail.CreateGetTrailStatusRequest()
			st.Name = name
			_, _ = c.GetTrailStatus(st)
			_ = s.Trails()
			_ = s.Calls()
			if g%2 == 0 {
				del := actiontrail.CreateDeleteTrailRequest()
				del.Name = name
				_, _ = c.DeleteTrail(del)
			}
		})
	}
	wg.Wait()
}

// seed10k stores 10 000 trails in the default region, bypassing the quota.
func seed10k(s *Server) {
	for i := range 10000 {
		s.PutTrail(testRegion, Trail{Name: fmt.Sprintf("seeded-trail-%05d", i), OssBucketName: testBucket})
	}
}

// TestDescribeTrails10k: with 10 000 trails, DescribeTrails by NameList finds the named ones and
// stays fast (a lookup per name, no scan).
func TestDescribeTrails10k(t *testing.T) {
	s, ts := startServer(t, testConfig())
	seed10k(s)
	if n := len(s.Trails()); n != 10000 {
		t.Fatalf("%d trails seeded", n)
	}
	c := newClient(t, ts)
	got := describe(t, c, "seeded-trail-00042", "no-such-trail", "seeded-trail-09999")
	if len(got) != 2 || got[0].Name != "seeded-trail-00042" || got[1].Name != "seeded-trail-09999" {
		t.Fatalf("DescribeTrails: %+v", got)
	}
	const calls = 20
	start := time.Now()
	for range calls {
		describe(t, c, "seeded-trail-05000")
	}
	if per := time.Since(start) / calls; per > 100*time.Millisecond {
		t.Errorf("DescribeTrails by name with 10 000 trails takes %s a call", per)
	}
	// CreateTrail is refused by the quota, quickly, however many trails there are.
	_, err := c.CreateTrail(createRequest("one-more-trail"))
	_ = serverError(t, err, "MaximumNumberOfTrailsExceededException", http.StatusForbidden)
}

func BenchmarkDescribeTrails10k(b *testing.B) {
	s, ts := startServer(b, testConfig())
	seed10k(s)
	c := newClient(b, ts)
	req := actiontrail.CreateDescribeTrailsRequest()
	req.NameList = "seeded-trail-00001,seeded-trail-05000,seeded-trail-09999"
	b.ResetTimer()
	for b.Loop() {
		resp, err := c.DescribeTrails(req)
		if err != nil || len(resp.TrailList) != 3 {
			b.Fatalf("DescribeTrails: %v, %d trails", err, len(resp.TrailList))
		}
	}
}
