package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"sync"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/client"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

const scaleRegion = "cn-hangzhou"

// ScaleEnv is an in-process emulator seeded with a number of trails, behind a loopback HTTP
// server, with the provider's API client pointed at it. The handler is wrapped to measure the
// time the emulator itself spends on each request (ServerTime), apart from the client's.
type ScaleEnv struct {
	Trails int
	Server *emulator.Server
	Client *client.Client
	http   *httptest.Server

	mu         sync.Mutex
	serverTime []time.Duration
}

// NewScaleEnv seeds n trails named scale-00000… (PutTrail, no API calls) in one region.
func NewScaleEnv(n int) (*ScaleEnv, error) {
	srv := emulator.New(emulator.Config{
		MaxTrailsPerRegion: 10 * (n + 1000),
		Buckets:            []string{"actiontrail-demo-bucket"},
	})
	for i := range n {
		srv.PutTrail(scaleRegion, emulator.Trail{
			Name: scaleName(i), OssBucketName: "actiontrail-demo-bucket", OssKeyPrefix: "bench-prefix", Status: emulator.StatusEnable,
		})
	}
	e := &ScaleEnv{Trails: n, Server: srv}
	e.http = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		srv.ServeHTTP(w, r)
		d := time.Since(start)
		e.mu.Lock()
		e.serverTime = append(e.serverTime, d)
		e.mu.Unlock()
	}))
	c, err := client.New(client.Config{
		Region:      scaleRegion,
		Credentials: credentials.NewStaticAKCredentialsProvider(emulator.DefaultAccessKeyID, emulator.DefaultAccessKeySecret),
		Endpoint:    e.http.URL,
		UserAgent:   "bench",
	})
	if err != nil {
		e.http.Close()
		return nil, err
	}
	e.Client = c
	return e, nil
}

func scaleName(i int) string { return fmt.Sprintf("scale-%05d", i) }

// Close stops the HTTP server.
func (e *ScaleEnv) Close() { e.http.Close() }

// takeServerTimes returns and clears the emulator-side durations recorded so far.
func (e *ScaleEnv) takeServerTimes() []time.Duration {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := e.serverTime
	e.serverTime = nil
	return out
}

// DescribeByName reads one random existing trail by name, as the provider's Read does.
func (e *ScaleEnv) DescribeByName(ctx context.Context) error {
	name := scaleName(rand.IntN(e.Trails))
	t, err := e.Client.DescribeTrail(ctx, scaleRegion, name)
	if err == nil && t.Name != name {
		err = fmt.Errorf("asked for %s, got %s", name, t.Name)
	}
	return err
}

// ListAll lists every trail of the region, as the provider's plan-time lookup does.
func (e *ScaleEnv) ListAll(ctx context.Context) error {
	list, err := e.Client.DescribeTrails(ctx, scaleRegion, client.ListOptions{})
	if err == nil && len(list) != e.Trails {
		err = fmt.Errorf("listed %d trails, want %d", len(list), e.Trails)
	}
	return err
}

// CreateDelete creates a new trail and deletes it (CreateTrail, its DescribeTrails read-back,
// DeleteTrail).
func (e *ScaleEnv) CreateDelete(ctx context.Context, i int) error {
	name := fmt.Sprintf("extra-%07d", i)
	bucket := "actiontrail-demo-bucket"
	if _, err := e.Client.CreateTrail(ctx, scaleRegion, client.TrailParams{Name: name, OssBucketName: &bucket}); err != nil {
		return err
	}
	if _, err := e.Client.WaitTrail(ctx, scaleRegion, name, nil); err != nil {
		return err
	}
	return e.Client.DeleteTrail(ctx, scaleRegion, name)
}

// scaleStats is the timing of one operation at one emulator size.
type scaleStats struct {
	Client []time.Duration // per operation, as the client sees it
	Server []time.Duration // per HTTP request, inside the emulator's handler
}

// ScaleResult compares operations on an emulator holding few trails with one holding many.
type ScaleResult struct {
	Small, Large int
	// op → size → stats
	Ops   []string
	Stats map[string]map[int]*scaleStats
}

// runScale times DescribeTrails by name (and creates/deletes and the full listing) against an
// emulator of small and of large trails, alternating batches between the two.
func runScale(ctx context.Context, small, large, rounds, perRound int) (*ScaleResult, error) {
	envs := map[int]*ScaleEnv{}
	for _, n := range []int{small, large} {
		e, err := NewScaleEnv(n)
		if err != nil {
			return nil, err
		}
		defer e.Close()
		envs[n] = e
	}
	res := &ScaleResult{Small: small, Large: large, Ops: []string{"DescribeTrails by name", "CreateTrail+read+DeleteTrail", "DescribeTrails, all (plan-time lookup)"}, Stats: map[string]map[int]*scaleStats{}}
	for _, op := range res.Ops {
		res.Stats[op] = map[int]*scaleStats{small: {}, large: {}}
	}
	seq := 0
	// Warm up both (connections, the SDK's one-time initialisation).
	for _, n := range []int{small, large} {
		for range 20 {
			if err := envs[n].DescribeByName(ctx); err != nil {
				return nil, err
			}
		}
		envs[n].takeServerTimes()
	}
	for r := range rounds {
		order := []int{small, large}
		if r%2 == 1 {
			order = []int{large, small}
		}
		for _, n := range order {
			e := envs[n]
			for _, op := range res.Ops {
				count := perRound
				if op == res.Ops[2] {
					count = max(1, perRound/50) // a large listing is megabytes: fewer of them
				}
				st := res.Stats[op][n]
				for range count {
					start := time.Now()
					var err error
					switch op {
					case res.Ops[0]:
						err = e.DescribeByName(ctx)
					case res.Ops[1]:
						seq++
						err = e.CreateDelete(ctx, seq)
					default:
						err = e.ListAll(ctx)
					}
					if err != nil {
						return nil, fmt.Errorf("%s with %d trails: %w", op, n, err)
					}
					st.Client = append(st.Client, time.Since(start))
				}
				st.Server = append(st.Server, e.takeServerTimes()...)
			}
		}
	}
	return res, nil
}
