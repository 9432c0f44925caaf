package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

// holdFirstRead holds the first DescribeTrails until release is closed, so that a test can queue
// reads behind it without racing a clock.
type holdFirstRead struct {
	http.Handler
	held    chan struct{} // closed when the first read arrived
	release chan struct{}
	once    sync.Once
	asked   string // the first read's NameList, set before held is closed
	freed   sync.Once
}

// free lets the held read go on (again: does nothing).
func (h *holdFirstRead) free() { h.freed.Do(func() { close(h.release) }) }

func (h *holdFirstRead) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Query().Get("Action") == "DescribeTrails" {
		first := false
		h.once.Do(func() { first = true })
		if first {
			h.asked = r.URL.Query().Get("NameList")
			close(h.held)
			<-h.release
		}
	}
	h.Handler.ServeHTTP(w, r)
}

func batchClient(t *testing.T, policy RetryPolicy) (*Client, *emulator.Server, *holdFirstRead) {
	t.Helper()
	emu := emulator.New(emulator.Config{AccessKeyID: testKey, AccessKeySecret: testSecret, Buckets: []string{testBucket}})
	h := &holdFirstRead{Handler: emu, held: make(chan struct{}), release: make(chan struct{})}
	if policy.BaseDelay == 0 {
		policy.BaseDelay, policy.MaxDelay = time.Millisecond, 5*time.Millisecond
	}
	c := serverClient(t, h, Config{Region: region, Retry: policy,
		Credentials: credentials.NewStaticAKCredentialsProvider(testKey, testSecret)})
	t.Cleanup(h.free) // before the server closes, which waits for the held read, should a test fail
	return c, emu, h
}

// queued waits until n reads wait behind the one on the wire.
func queued(c *Client, n int) {
	for {
		c.reads.mu.Lock()
		q := c.reads.regions[region]
		k := 0
		if q != nil {
			k = len(q.waiting)
		}
		c.reads.mu.Unlock()
		if k >= n {
			return
		}
		time.Sleep(time.Millisecond)
	}
}

func TestConcurrentReadsOfARegionShareOneCall(t *testing.T) {
	c, emu, h := batchClient(t, RetryPolicy{})
	const n = 20
	for i := range n {
		emu.PutTrail(region, emulator.Trail{Name: fmt.Sprintf("batch-%02d", i), OssBucketName: testBucket})
	}
	type result struct {
		t   *Trail
		err error
	}
	results := make([]result, n+1)
	var wg sync.WaitGroup
	read := func(i int, name string) {
		defer wg.Done()
		t, err := c.DescribeTrail(context.Background(), region, name)
		results[i] = result{t, err}
	}
	wg.Add(1)
	go read(0, "batch-00")
	<-h.held // the first read is on the wire
	for i := 1; i < n; i++ {
		wg.Add(1)
		go read(i, fmt.Sprintf("batch-%02d", i))
	}
	wg.Add(1)
	go read(n, "batch-missing")
	queued(c, n)
	h.free()
	wg.Wait()
	for i := range n {
		if r := results[i]; r.err != nil || r.t.Name != fmt.Sprintf("batch-%02d", i) {
			t.Fatalf("read %d: %+v, %v", i, r.t, r.err)
		}
	}
	if !IsNotFound(results[n].err) {
		t.Fatalf("a name missing from the answer is not-found for its own reader: %v", results[n].err)
	}
	wantReads(t, emu, 2, fmt.Sprintf("%d reads (the first, then all that queued behind it)", n+1))
	// A lone read later goes out at once, alone.
	if _, err := c.DescribeTrail(context.Background(), region, "batch-03"); err != nil || emu.Calls()["DescribeTrails"] != 3 {
		t.Fatalf("a lone read: %v, calls %v", err, emu.Calls())
	}
}

func TestACancelledReaderLeavesTheOthersAlone(t *testing.T) {
	c, emu, h := batchClient(t, RetryPolicy{})
	emu.PutTrail(region, emulator.Trail{Name: "batch-keep", OssBucketName: testBucket})
	emu.PutTrail(region, emulator.Trail{Name: "batch-gone", OssBucketName: testBucket})
	first := make(chan error, 1)
	go func() { _, err := c.DescribeTrail(context.Background(), region, "batch-keep"); first <- err }()
	<-h.held
	ctx, cancel := context.WithCancel(context.Background())
	gone := make(chan error, 1)
	go func() { _, err := c.DescribeTrail(ctx, region, "batch-gone"); gone <- err }()
	kept := make(chan error, 1)
	go func() { _, err := c.DescribeTrail(context.Background(), region, "batch-keep"); kept <- err }()
	queued(c, 2)
	cancel()
	var e *Error
	if err := <-gone; !errors.As(err, &e) || e.Kind != KindCanceled {
		t.Fatalf("the cancelled reader should return at once, cancelled: %v", err)
	}
	h.free()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	if err := <-kept; err != nil {
		t.Fatalf("another reader of the same batch must not fail with the cancelled one: %v", err)
	}
}

func TestAFailedReadReachesEveryReader(t *testing.T) {
	c, emu, h := batchClient(t, RetryPolicy{MaxAttempts: 1})
	errs := make(chan error, 4)
	go func() { _, err := c.DescribeTrail(context.Background(), region, "batch-a"); errs <- err }()
	<-h.held
	for _, n := range []string{"batch-b", "batch-c", "batch-d"} {
		go func() { _, err := c.DescribeTrail(context.Background(), region, n); errs <- err }()
	}
	queued(c, 3)
	emu.SetFaults(emulator.Faults{Unavailable: 1, Actions: []string{"DescribeTrails"}})
	h.free()
	for range 4 {
		if err := <-errs; !IsCode(err, CodeServiceUnavailable) {
			t.Fatalf("every reader should get the read's failure, got %v", err)
		}
	}
	wantReads(t, emu, 2, "a failed read and the one before it")
}

func TestReadBacksOfConcurrentWritesShareOneCall(t *testing.T) {
	c, emu, h := batchClient(t, RetryPolicy{})
	h.free() // nothing held here
	emu.PutTrail(region, emulator.Trail{Name: "batch-w1", OssBucketName: testBucket})
	emu.PutTrail(region, emulator.Trail{Name: "batch-w2", OssBucketName: testBucket})
	// The hold is bounded by the last read's duration and readBackMaxWait; here it may last as long
	// as the test needs, so that nothing depends on how fast this machine is.
	c.reads.mu.Lock()
	c.reads.maxHold, c.reads.lastRead = time.Hour, time.Hour
	c.reads.mu.Unlock()
	w1, w2 := c.BeginWrite(region), c.BeginWrite(region)
	first := make(chan error, 1)
	go func() { _, err := c.WaitTrail(context.Background(), region, "batch-w1", w1); first <- err }()
	// w1's read-back waits while w2 is in progress.
	for {
		c.reads.mu.Lock()
		q := c.reads.regions[region]
		ready := q != nil && len(q.waiting) == 1 && q.writers == 1
		c.reads.mu.Unlock()
		if ready {
			break
		}
		time.Sleep(time.Millisecond)
	}
	wantReads(t, emu, 0, "a read-back while another write is in progress")
	if _, err := c.WaitTrail(context.Background(), region, "batch-w2", w2); err != nil {
		t.Fatal(err)
	}
	await(t, first)
	wantReads(t, emu, 1, "two read-backs of concurrent writes")
}

// TestReadBackReportsTheSharedReadsAttempts: a read-back waits for its trail by going back into
// the queue, not by a retry loop of its own around the shared read's, so a failure reports the
// attempts of the read that failed (here 3, not the 2 reads the read-back took).
func TestReadBackReportsTheSharedReadsAttempts(t *testing.T) {
	var mu sync.Mutex
	reads := 0
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		reads++
		n := reads
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if n == 1 {
			_, _ = w.Write([]byte(`{"RequestId":"lagging","TrailList":[]}`)) // not listed yet
			return
		}
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write([]byte(`{"RequestId":"busy","Code":"ServiceUnavailable","Message":"busy"}`))
	})
	c := serverClient(t, h, Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider(testKey, testSecret),
		Retry: RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, MaxAttempts: 3, ReadAfterWrite: time.Hour}})
	_, err := c.WaitTrail(context.Background(), region, "trail-late", nil)
	var e *Error
	if !errors.As(err, &e) || e.Code != CodeServiceUnavailable {
		t.Fatalf("want ServiceUnavailable, got %v", err)
	}
	if e.Attempts != 3 {
		t.Errorf("the error reports %d attempts, want the failed read's 3: %v", e.Attempts, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if reads != 4 {
		t.Errorf("%d DescribeTrails, want 4 (one that did not list the trail, then the 3 attempts of the next)", reads)
	}
}

// TestReadBackEndedWhileWaitingReportsNotFound: a read-back whose operation ends while it waits
// for its trail reports the not-found the API answered, with the end, not a bare cancellation.
func TestReadBackEndedWhileWaitingReportsNotFound(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var mu sync.Mutex
	reads := 0
	h := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		mu.Lock()
		reads++
		if reads == 2 {
			cancel() // the operation ends while its read-back waits
		}
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"RequestId":"lagging","TrailList":[]}`))
	})
	c := serverClient(t, h, Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider(testKey, testSecret),
		Retry: RetryPolicy{BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, ReadAfterWrite: time.Hour}})
	_, err := c.WaitTrail(ctx, region, "trail-never", nil)
	if !IsNotFound(err) || !strings.Contains(err.Error(), context.Canceled.Error()) {
		t.Fatalf("want the not-found, with the cancellation, got %T %v", err, err)
	}
}

// TestReadBacksArrivingDenselyShareOneCall: where read-backs arrive faster than the API answers
// (no write in progress to wait for), each waits for the next ones until readBackShare are queued,
// and one DescribeTrails serves them all.
func TestReadBacksArrivingDenselyShareOneCall(t *testing.T) {
	c, emu, h := batchClient(t, RetryPolicy{ReadAfterWrite: time.Hour})
	h.free() // nothing held here
	// The wait may last as long as the test needs: it ends when the batch is full, not on a clock.
	c.reads.mu.Lock()
	c.reads.dense = time.Hour
	q := c.reads.queue(region)
	q.gap, q.lastBack = time.Minute, time.Now()
	c.reads.mu.Unlock()
	errs := make(chan error, readBackShare)
	for i := range readBackShare {
		name := fmt.Sprintf("dense-%d", i)
		emu.PutTrail(region, emulator.Trail{Name: name, OssBucketName: testBucket})
		go func() { _, err := c.WaitTrail(context.Background(), region, name, nil); errs <- err }()
		if i == readBackShare-1 {
			break
		}
		// Wait until this one is queued, or a read went out (which fails the test).
		for {
			c.reads.mu.Lock()
			k := len(q.waiting)
			c.reads.mu.Unlock()
			if got := emu.Calls()["DescribeTrails"]; got != 0 {
				t.Fatalf("a read went out with %d read-backs queued, before the batch was full: %d calls", k, got)
			}
			if k == i+1 {
				break
			}
			time.Sleep(time.Millisecond)
		}
	}
	for range readBackShare {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	wantReads(t, emu, 1, fmt.Sprintf("%d read-backs", readBackShare))
}

// TestDenseWaitRule: a read-back with no write in progress waits only while the next
// readBackShare-1 read-backs, at the rate they have been coming, arrive within the dense bound;
// a full batch, a plain read or a sparse rate sends it at once.
func TestDenseWaitRule(t *testing.T) {
	b := &readBatcher{dense: 100 * time.Millisecond, maxHold: readBackMaxWait}
	back := func() *readWaiter { return &readWaiter{afterWrite: true, queued: time.Now()} }
	full := make([]*readWaiter, readBackShare)
	for i := range full {
		full[i] = back()
	}
	limit := b.dense / (readBackShare - 1) // the sparsest rate that waits
	now := time.Now()
	paused := readBackPause*limit + time.Millisecond // less than the dense window, (readBackShare-1)*limit
	cases := []struct {
		name     string
		gap      time.Duration
		waiting  []*readWaiter
		lastBack time.Time // the last read-back's arrival; zero: now
		holds    bool
	}{
		{"dense", limit, []*readWaiter{back()}, time.Time{}, true},
		{"sparse", limit + time.Millisecond, []*readWaiter{back()}, time.Time{}, false},
		{"no rate yet", 0, []*readWaiter{back()}, time.Time{}, false},
		{"full batch", time.Millisecond, full, time.Time{}, false},
		{"one short of full", time.Millisecond, full[1:], time.Time{}, true},
		{"a plain read queued", time.Millisecond, []*readWaiter{back(), {queued: now}}, time.Time{}, false},
		// Queued alone readBackPause gaps ago and more, inside the dense window: the writes paused.
		{"paused", limit, []*readWaiter{{afterWrite: true, queued: now.Add(-paused)}}, now.Add(-paused), false},
	}
	slow := &readBatcher{dense: b.dense, maxHold: b.maxHold, lastRead: limit}
	// the API answers no faster than read-backs come: they queue behind the read
	if slow.holdLocked(&regionQueue{changed: make(chan struct{}), gap: limit, waiting: []*readWaiter{back()}, lastBack: time.Now()}) != nil {
		t.Error("reads as slow as the read-backs' gap: holds, want not")
	}
	for _, tc := range cases {
		if tc.lastBack.IsZero() {
			tc.lastBack = time.Now()
		}
		q := &regionQueue{changed: make(chan struct{}), gap: tc.gap, waiting: tc.waiting, lastBack: tc.lastBack}
		if got := b.holdLocked(q) != nil; got != tc.holds {
			t.Errorf("%s: holds %v, want %v", tc.name, got, tc.holds)
		}
	}
}

// TestReadBackGapAverage: the gap between read-backs is a moving average, and a quiet spell longer
// than the dense bound starts it again.
func TestReadBackGapAverage(t *testing.T) {
	const dense = 100 * time.Millisecond
	q := &regionQueue{}
	t0 := time.Unix(0, 0)
	steps := []struct {
		at   time.Duration
		want time.Duration
	}{
		{0, 0}, // the first: no gap yet
		{20 * time.Millisecond, 20 * time.Millisecond}, // the second: its gap
		{60 * time.Millisecond, 25 * time.Millisecond}, // (3*20 + 40) / 4
		{500 * time.Millisecond, 0},                    // quiet for 440ms: a new run
		{510 * time.Millisecond, 10 * time.Millisecond},
	}
	for _, s := range steps {
		q.arrived(t0.Add(s.at), dense)
		if q.gap != s.want {
			t.Errorf("at %v: gap %v, want %v", s.at, q.gap, s.want)
		}
	}
}

// wantReads fails the test unless the emulator answered n DescribeTrails; what says for what.
func wantReads(t *testing.T, emu *emulator.Server, n int64, what string) {
	t.Helper()
	if got := emu.Calls()["DescribeTrails"]; got != n {
		t.Fatalf("%d DescribeTrails for %s, want %d", got, what, n)
	}
}

// await fails the test unless each of errs yields nil, in turn.
func await(t *testing.T, errs ...<-chan error) {
	t.Helper()
	for _, ch := range errs {
		if err := <-ch; err != nil {
			t.Fatal(err)
		}
	}
}

// waitingNow is how many reads wait in region's queue (not those that joined the read on the wire).
func waitingNow(c *Client) int {
	c.reads.mu.Lock()
	defer c.reads.mu.Unlock()
	if q := c.reads.regions[region]; q != nil {
		return len(q.waiting)
	}
	return 0
}

// joinedNow is how many read-backs joined the read on the wire of region.
func joinedNow(c *Client) int {
	c.reads.mu.Lock()
	defer c.reads.mu.Unlock()
	if q := c.reads.regions[region]; q != nil && q.flight != nil {
		return len(q.flight.joined)
	}
	return 0
}

// The early read-back tests create earlyNew while a read of earlyOther is held on the wire.
const (
	earlyNew   = "early-new"
	earlyOther = "early-other"
)

// readBackBeside starts the read-back of w (the write of earlyNew) while the first read is held
// on the wire, and waits until it queued or joined that read.
func readBackBeside(t *testing.T, c *Client, w *Write) <-chan error {
	t.Helper()
	const name = earlyNew
	errs := make(chan error, 1)
	go func() {
		tr, err := c.WaitTrail(context.Background(), region, name, w)
		if err == nil && tr.Name != name {
			err = fmt.Errorf("read back %q, want %q", tr.Name, name)
		}
		errs <- err
	}()
	for waitingNow(c)+joinedNow(c) == 0 {
		time.Sleep(time.Millisecond)
	}
	return errs
}

// readHeld starts a read of earlyOther with ctx and returns once the server holds it (the first
// read).
func readHeld(ctx context.Context, c *Client, h *holdFirstRead) <-chan error {
	errs := make(chan error, 1)
	go func() { _, err := c.DescribeTrail(ctx, region, earlyOther); errs <- err }()
	<-h.held
	return errs
}

// TestReadBackOfACreateTakesTheReadOnTheWire: a read that goes out while a create is in progress
// also asks for its trail, and the create's read-back, answered while that read is out, takes its
// answer: one DescribeTrails, and no second round trip for the read-back.
func TestReadBackOfACreateTakesTheReadOnTheWire(t *testing.T) {
	c, emu, h := batchClient(t, RetryPolicy{ReadAfterWrite: time.Hour})
	emu.PutTrail(region, emulator.Trail{Name: "early-other", OssBucketName: testBucket})
	w := c.BeginCreate(region, "early-new")
	other := readHeld(context.Background(), c, h)
	if !strings.Contains(h.asked, "early-new") {
		t.Fatalf("the read asks for %q, not for the create in progress", h.asked)
	}
	// The create is handled before the read is.
	if _, err := c.CreateTrail(context.Background(), region, params("early-new")); err != nil {
		t.Fatal(err)
	}
	back := readBackBeside(t, c, w)
	if k := waitingNow(c); k != 0 {
		t.Fatalf("the read-back queued behind the read that asked for it (%d waiting)", k)
	}
	h.free()
	await(t, back, other)
	wantReads(t, emu, 1, "a read and the read-back that took its answer")
}

// TestReadBackOfACreateAnsweredEarly: when the read that asked for a create in progress answers
// before the create's read-back comes, the read-back takes that answer and makes no call.
func TestReadBackOfACreateAnsweredEarly(t *testing.T) {
	c, emu, h := batchClient(t, RetryPolicy{ReadAfterWrite: time.Hour})
	h.free()
	emu.PutTrail(region, emulator.Trail{Name: "early-other", OssBucketName: testBucket})
	w := c.BeginCreate(region, "early-new")
	if _, err := c.CreateTrail(context.Background(), region, params("early-new")); err != nil {
		t.Fatal(err)
	}
	if _, err := c.DescribeTrail(context.Background(), region, "early-other"); err != nil {
		t.Fatal(err)
	}
	tr, err := c.WaitTrail(context.Background(), region, "early-new", w)
	if err != nil || tr.Name != "early-new" {
		t.Fatalf("%+v, %v", tr, err)
	}
	wantReads(t, emu, 1, "a read and the read-back that took its answer")
	// The answer served the create it was asked for; a later read of the trail asks the API again.
	if _, err := c.DescribeTrail(context.Background(), region, "early-new"); err != nil || emu.Calls()["DescribeTrails"] != 2 {
		t.Fatalf("a later read: %v, calls %v", err, emu.Calls())
	}
}

// TestReadBackOfACreateTheReadMissed: a read that was handled before the create lists nothing
// under the name; the read-back that joined it then has a read of its own.
func TestReadBackOfACreateTheReadMissed(t *testing.T) {
	c, emu, h := batchClient(t, RetryPolicy{ReadAfterWrite: time.Hour})
	emu.PutTrail(region, emulator.Trail{Name: "early-other", OssBucketName: testBucket})
	w := c.BeginCreate(region, "early-new")
	other := readHeld(context.Background(), c, h)
	back := readBackBeside(t, c, w) // joins; the trail is made only below
	if joinedNow(c) != 1 {
		t.Fatal("the read-back did not join the read that asked for it")
	}
	h.free()
	await(t, other)
	// The emulator answered without the trail; create it now, for the read-back's own read.
	emu.PutTrail(region, emulator.Trail{Name: "early-new", OssBucketName: testBucket})
	if err := <-back; err != nil {
		t.Fatalf("the read-back should read again: %v", err)
	}
	if got := emu.Calls()["DescribeTrails"]; got < 2 {
		t.Fatalf("%d DescribeTrails, want the joined read and one of its own", got)
	}
}

// TestReadBackOfAnUpdateWaitsForAReadOfItsOwn: an update has no evidence that a read begun while it
// was in progress saw it (the read may list the old settings), so its read-back never takes such a
// read's answer; nor does a create's take the answer of a read begun before the create.
func TestReadBackOfAnUpdateWaitsForAReadOfItsOwn(t *testing.T) {
	for _, tc := range []struct {
		name  string
		write func(c *Client, read func()) *Write
	}{
		{"update", func(c *Client, read func()) *Write { w := c.BeginWrite(region); read(); return w }},
		{"create begun after the read", func(c *Client, read func()) *Write { read(); return c.BeginCreate(region, "early-new") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, emu, h := batchClient(t, RetryPolicy{ReadAfterWrite: time.Hour})
			emu.PutTrail(region, emulator.Trail{Name: "early-other", OssBucketName: testBucket})
			emu.PutTrail(region, emulator.Trail{Name: "early-new", OssBucketName: testBucket})
			var other <-chan error
			w := tc.write(c, func() { other = readHeld(context.Background(), c, h) })
			back := readBackBeside(t, c, w)
			if waitingNow(c) != 1 {
				t.Fatal("the read-back should queue for a read of its own")
			}
			h.free()
			await(t, other, back)
			wantReads(t, emu, 2, "a read and a read-back that may not take its answer")
		})
	}
}

// TestAFailedReadReachesTheReadBacksThatJoinedIt: the failure of a read reaches the read-backs that
// took it too; but one whose read ended only because its other waiters left reads again.
func TestAFailedReadReachesTheReadBacksThatJoinedIt(t *testing.T) {
	t.Run("failed", func(t *testing.T) {
		c, emu, h := batchClient(t, RetryPolicy{MaxAttempts: 1, ReadAfterWrite: time.Hour})
		w := c.BeginCreate(region, "early-new")
		other := readHeld(context.Background(), c, h)
		back := readBackBeside(t, c, w)
		emu.SetFaults(emulator.Faults{Unavailable: 1, Actions: []string{"DescribeTrails"}})
		h.free()
		for _, ch := range []<-chan error{other, back} {
			if err := <-ch; !IsCode(err, CodeServiceUnavailable) {
				t.Fatalf("want the read's failure, got %v", err)
			}
		}
	})
	t.Run("left", func(t *testing.T) {
		c, emu, h := batchClient(t, RetryPolicy{ReadAfterWrite: time.Hour})
		emu.PutTrail(region, emulator.Trail{Name: "early-new", OssBucketName: testBucket})
		w := c.BeginCreate(region, "early-new")
		ctx, cancel := context.WithCancel(context.Background())
		gone := readHeld(ctx, c, h)
		back := readBackBeside(t, c, w)
		cancel() // the read's only waiter leaves: the read stops
		var e *Error
		if err := <-gone; !errors.As(err, &e) || e.Kind != KindCanceled {
			t.Fatalf("the reader that left should return cancelled: %v", err)
		}
		h.free()
		if err := <-back; err != nil {
			t.Fatalf("the read-back should read again, got %v", err)
		}
	})
}

// TestReadBackOfACreateTakesOnlyAFreshTrail: a trail that a read begun during the create lists
// switched on is not the one the create just made (an API whose listing lags may still show the
// trail Terraform deleted to replace it): the read-back reads on its own.
func TestReadBackOfACreateTakesOnlyAFreshTrail(t *testing.T) {
	c, emu, h := batchClient(t, RetryPolicy{ReadAfterWrite: time.Hour})
	emu.PutTrail(region, emulator.Trail{Name: "early-other", OssBucketName: testBucket})
	emu.PutTrail(region, emulator.Trail{Name: "early-new", OssBucketName: testBucket, Status: StatusEnable})
	w := c.BeginCreate(region, "early-new")
	other := readHeld(context.Background(), c, h)
	back := readBackBeside(t, c, w)
	h.free()
	await(t, other, back)
	wantReads(t, emu, 2, "a read and a read-back that may not take its answer")
}
