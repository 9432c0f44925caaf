package client

import (
	"context"
	"sync"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// MaxBatchNames bounds the names of one coalesced DescribeTrails (its NameList). The API documents
// no limit; this keeps a request's query string short.
const MaxBatchNames = 50

// batchReadTimeout bounds one coalesced read, retries included, whoever waits for it.
const batchReadTimeout = 2 * time.Minute

// readBackMaxWait bounds how long the read-back of a write waits for the region's other writes
// in progress (see BeginWrite), whatever the API's latency: a write that takes long (a bucket
// policy being retried) must not hold the others' read-backs.
const readBackMaxWait = 2 * time.Second

// readBackShare is how many read-backs one read serves before it goes out without waiting for
// more: a create then costs CreateTrail, StartLogging and a ninth of a DescribeTrails, or a
// fifth on average, where pauses cut batches short (the budget is 2.2 calls).
const readBackShare = 9

// readBackPause ends a dense wait (see denseWait) when no read-back has come for that many gaps.
const readBackPause = 4

// denseWait bounds the wait of a read-back for the region's next read-backs where the API answers
// faster than writes arrive (an emulator, a nearby endpoint): there a read-back waits for the
// next readBackShare-1 of them, at the rate they have been arriving, only while that takes at
// most denseWait. Where they arrive more slowly the wait is off, so a wait that slowed the writes
// down (and spaced their read-backs out) turns itself off instead of growing.
const denseWait = 200 * time.Millisecond

// readBatcher coalesces the reads of single trails of one region that run at the same time into
// one DescribeTrails with a NameList: while a read is on the wire, the names asked for queue, and
// the next read takes them all. The first read of a quiet region is sent at once, so a lone read
// waits for nothing. Each waiter keeps its own context (a cancelled one leaves, the others stay),
// a failure reaches every waiter of that read, and a name missing from the answer is not-found for
// its own waiter only. The read-back of a write tolerates not-found for a while (the API's reads may
// lag its writes): such a waiter goes back into the queue after a backoff, and shares the next read.
// So the only retry loop is the shared call's own (DescribeTrails).
type readBatcher struct {
	c       *Client
	mu      sync.Mutex
	regions map[string]*regionQueue
	// lastRead is how long the last coalesced read took: the read-backs of other writes are
	// waited for at most that long (their writes end about a round trip later), so that a hold
	// costs little where the API answers at once and is worth it where it is far.
	lastRead time.Duration
	maxHold  time.Duration // readBackMaxWait; tests raise it
	dense    time.Duration // denseWait; tests raise it
}

type regionQueue struct {
	busy    bool
	waiting []*readWaiter
	writers int           // updates in progress in the region (BeginWrite)
	changed chan struct{} // closed and replaced when writers drops
	// creating counts the creates in progress in the region by name (BeginCreate), up to their
	// read-backs: every read also asks for them, so that the read-back of one answered while the
	// read is on the wire takes that read's answer (see flight).
	creating map[string]int
	// flight is the read on the wire, nil when none.
	flight *flight
	// early holds what a read listed of a create in progress whose read-back had not come yet.
	early map[string]*Trail
	// lastBack is when the last read-back of a write was first queued, and gap a moving average
	// of the time between read-backs (zero until two came); see denseWait.
	lastBack time.Time
	gap      time.Duration
}

// flight is a read on the wire, with the creates in progress it also asks for.
//
// A trail listed by a read that began after its create did, and still switched off (see
// pickCreated), is that create's: the API refuses a CreateTrail under a name in use
// (TrailAlreadyExistsException, and the create has no read-back), so the trail was not there
// before the create, and Terraform deletes a trail it replaces before the create begins. A read
// handled before the create lists nothing under the name, and the read-back queues as it would
// have. So the read-back of a create answered while the read is on the wire joins it, instead of
// waiting for it and then sending another: under latency, a create takes its two round trips, and
// the reads still serve every create begun while they are out.
// (Updates have no such evidence: a read handled before an update lists the old settings.)
type flight struct {
	creates map[string]bool // the creates in progress it asks for
	joined  []*readWaiter   // the read-backs of those that came while it was out
}

type readWaiter struct {
	name string
	done chan struct{} // closed when trail/err are set
	// ctx is the waiter's own; a read starts only for waiters still waiting.
	ctx   context.Context
	trail *Trail
	err   error
	// afterWrite marks the read-back of a write, which may wait for the region's other writes,
	// and which waits for its trail to appear until the time until (the client's clock).
	afterWrite bool
	until      time.Time
	queued     time.Time
	start      time.Time // the client's clock when the read began
	reads      int       // the reads that answered and did not list the trail
	// notFound and seen are the last not-found of a read-back that waits again, and reads then:
	// what it reports when its operation ends while it waits. Guarded by the batcher's mu.
	notFound error
	seen     int
	// joined marks a read-back that joined a read on the wire (see flight): its arrival is counted.
	joined bool
}

func newReadBatcher(c *Client) *readBatcher {
	return &readBatcher{c: c, regions: map[string]*regionQueue{}, maxHold: readBackMaxWait, dense: denseWait}
}

// queue returns region's queue; b.mu is held.
func (b *readBatcher) queue(region string) *regionQueue {
	q := b.regions[region]
	if q == nil {
		q = &regionQueue{changed: make(chan struct{})}
		b.regions[region] = q
	}
	return q
}

// Write is a write in progress in a region (a create or an update, up to its read-back); see
// Client.BeginWrite and Client.BeginCreate.
type Write struct {
	b      *readBatcher
	region string
	create string // the name a create makes; empty for an update
	ended  bool   // guarded by b.mu
}

// End ends the write; ending it again does nothing.
func (w *Write) End() {
	if w == nil {
		return
	}
	w.b.mu.Lock()
	defer w.b.mu.Unlock()
	w.endLocked()
}

func (w *Write) endLocked() {
	if w.ended {
		return
	}
	w.ended = true
	q := w.b.regions[w.region]
	if w.create != "" {
		if q.creating[w.create]--; q.creating[w.create] <= 0 {
			delete(q.creating, w.create)
			delete(q.early, w.create)
		}
		return
	}
	q.writers--
	close(q.changed)
	q.changed = make(chan struct{})
}

// beginWrite counts a write in progress in region until it ends: an update, or the create of the
// trail named create.
func (b *readBatcher) beginWrite(region, create string) *Write {
	b.mu.Lock()
	defer b.mu.Unlock()
	q := b.queue(region)
	if create == "" {
		q.writers++
	} else {
		if q.creating == nil {
			q.creating, q.early = map[string]int{}, map[string]*Trail{}
		}
		q.creating[create]++
	}
	return &Write{b: b, region: region, create: create}
}

// read returns the trail named name in region, through a coalesced DescribeTrails. The read-back
// of a write (afterWrite) waits, at most readBackMaxWait, while other writes of the region are in
// progress: their read-backs come soon and share its call, so that a batch of creates costs one
// read, not one each.
//
// A read-back ends its write (of) once it is queued, under the same lock: the drain that wakes
// when the region's last write ends then finds it waiting.
//
// until is the zero time for a read (which is no read-back), and for a read-back the time (the
// client's clock) until which a trail missing from the answers is waited for (RetryPolicy's
// ReadAfterWrite, never zero, after the read begins).
func (b *readBatcher) read(ctx context.Context, region, name string, until time.Time, of *Write) (*Trail, error) {
	w := &readWaiter{name: name, done: make(chan struct{}), ctx: ctx, afterWrite: !until.IsZero(), until: until, start: b.c.now()}
	b.enqueue(region, w, of)
	select {
	case <-w.done:
		return w.trail, w.err
	case <-ctx.Done():
		// Leave: the read, if any, goes on for the others; its answer for this name is dropped.
		// A read-back that was waiting for its trail reports what the API said, not the end of
		// its operation (which otherwise depends on when the deadline falls).
		b.mu.Lock()
		notFound, seen := w.notFound, w.seen
		b.mu.Unlock()
		if notFound != nil {
			return nil, withAttempts(notFound, seen, b.c.now().Sub(w.start), ctx.Err())
		}
		return nil, &Error{Action: "DescribeTrails", Region: region, Kind: KindCanceled, Message: ctx.Err().Error()}
	}
}

// enqueue queues w for the next read of region, and starts a drain when none runs. of, when not
// nil, is the write that w reads back: it ends under the same lock.
func (b *readBatcher) enqueue(region string, w *readWaiter, of *Write) {
	b.mu.Lock()
	w.queued = time.Now()
	q := b.queue(region)
	if w.afterWrite && w.reads == 0 && !w.joined {
		q.arrived(w.queued, b.dense)
	}
	early := of != nil && of.create != "" && q.earlyLocked(w, of.create)
	if of != nil {
		of.endLocked()
	}
	if early {
		b.mu.Unlock()
		return
	}
	q.waiting = append(q.waiting, w)
	start := !q.busy
	if start {
		q.busy = true
	} else {
		// Wake a drain that holds read-backs: a read that does not wait for writes ends the hold,
		// and a read-back may make the batch full (readBackShare).
		close(q.changed)
		q.changed = make(chan struct{})
	}
	b.mu.Unlock()
	if start {
		go b.drain(region, q)
	}
}

// earlyLocked serves w, the read-back of the create of name, from a read that asked for the trail
// while the create was in progress: what it listed, or, while it is on the wire, its answer (w joins
// it). False when no such read did. The batcher's mu is held.
func (q *regionQueue) earlyLocked(w *readWaiter, name string) bool {
	if t := q.early[name]; t != nil {
		c := *t
		w.trail = &c
		close(w.done)
		return true
	}
	if q.flight != nil && q.flight.creates[name] {
		w.joined = true
		q.flight.joined = append(q.flight.joined, w)
		return true
	}
	return false
}

// drain sends reads for region until nobody waits.
func (b *readBatcher) drain(region string, q *regionQueue) {
	for {
		b.mu.Lock()
		if wait := b.holdLocked(q); wait != nil {
			b.mu.Unlock()
			<-wait
			continue
		}
		var batch []*readWaiter
		var rest []*readWaiter
		names := map[string]bool{}
		for _, w := range q.waiting {
			if w.ctx.Err() != nil {
				continue // gone
			}
			if len(names) >= MaxBatchNames && !names[w.name] {
				rest = append(rest, w)
				continue
			}
			names[w.name] = true
			batch = append(batch, w)
		}
		q.waiting = rest
		if len(batch) == 0 {
			// The queue stays (a region's is a few words): it keeps the rate of read-backs.
			q.busy = false
			b.mu.Unlock()
			return
		}
		// The read also asks for the creates in progress (see flight).
		f := &flight{creates: map[string]bool{}}
		for name := range q.creating {
			if q.early[name] != nil || !names[name] && len(names) >= MaxBatchNames {
				continue
			}
			names[name], f.creates[name] = true, true
		}
		q.flight = f
		b.mu.Unlock()
		b.send(region, q, batch, names)
	}
}

// holdLocked returns a channel to wait on when the queued reads should wait for more read-backs:
// every queued read is a read-back, and none has waited its hold yet. The hold is the last read's
// duration (at most readBackMaxWait) while writes of the region are in progress: their read-backs
// come about a round trip later. Where read-backs arrive densely (see denseWait) it also waits for
// the next ones, until readBackShare are queued. b.mu is held.
func (b *readBatcher) holdLocked(q *regionQueue) <-chan struct{} {
	if len(q.waiting) == 0 {
		return nil
	}
	oldest := q.waiting[0].queued
	for _, w := range q.waiting {
		if !w.afterWrite {
			return nil
		}
		if w.queued.Before(oldest) {
			oldest = w.queued
		}
	}
	var hold time.Duration
	if q.writers > 0 {
		hold = min(b.maxHold, max(b.lastRead, time.Millisecond))
	}
	// The dense wait is for an API that answers faster than read-backs come: where a read takes
	// longer, the read-backs queue behind the one on the wire (or join it) without waiting.
	if dense := (readBackShare - 1) * q.gap; q.gap > 0 && dense <= b.dense && b.lastRead < q.gap && len(q.waiting) < readBackShare {
		// ... but not past a pause of readBackPause gaps: the writes have stopped, or paused.
		hold = max(hold, min(dense, q.lastBack.Sub(oldest)+readBackPause*q.gap))
	}
	left := hold - time.Since(oldest)
	if left <= 0 {
		return nil
	}
	wake := make(chan struct{})
	changed := q.changed
	go func() {
		t := time.NewTimer(left)
		defer t.Stop()
		select {
		case <-changed:
		case <-t.C:
		}
		close(wake)
	}()
	return wake
}

// arrived records a read-back first queued at t, for the moving average of their gaps. A gap over
// dense (denseWait) is not averaged in: it starts a new run (the region was quiet). The batcher's
// mu is held.
func (q *regionQueue) arrived(t time.Time, dense time.Duration) {
	if !q.lastBack.IsZero() {
		switch d := t.Sub(q.lastBack); {
		case d > dense:
			q.gap = 0
		case q.gap == 0:
			q.gap = d
		default:
			q.gap = (3*q.gap + d) / 4
		}
	}
	q.lastBack = t
}

// send makes one DescribeTrails (with retries) for batch and hands each waiter its answer.
func (b *readBatcher) send(region string, q *regionQueue, batch []*readWaiter, names map[string]bool) {
	list := make([]string, 0, len(names))
	for n := range names {
		list = append(list, n)
	}
	// The read serves several operations: it must not end with the first one's context, so it
	// has its own deadline, and it stops early once every waiter has left.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(batch[0].ctx), batchReadTimeout)
	defer cancel()
	stop := make(chan struct{})
	defer close(stop)
	go func() {
		for _, w := range batch {
			select {
			case <-w.ctx.Done():
			case <-stop:
				return
			}
		}
		cancel()
	}()
	start := time.Now()
	trails, err := b.c.DescribeTrails(ctx, region, ListOptions{Names: list, IncludeOrganizationTrail: true})
	b.mu.Lock()
	b.lastRead = time.Since(start)
	f := q.flight
	q.flight = nil
	// The creates in progress that the answer lists as just made; kept for a read-back still to
	// come (a read-back that joined the read has ended its write: creating no longer counts it).
	created := map[string]*Trail{}
	for name := range f.creates {
		if err != nil {
			break
		}
		if t := pickCreated(trails, region, name); t != nil {
			created[name] = t
			if q.creating[name] > 0 {
				q.early[name] = t
			}
		}
	}
	var requeue []*readWaiter
	for _, w := range f.joined {
		switch t := created[w.name]; {
		case err != nil && ctx.Err() != nil && w.ctx.Err() == nil:
			// The read ended because the waiters it was sent for left: not this one's failure.
			requeue = append(requeue, w)
		case err != nil:
			w.err = err
			close(w.done)
		case t != nil:
			c := *t
			w.trail = &c
			close(w.done)
		default:
			// Handled before the create: the read-back queues as it would have.
			requeue = append(requeue, w)
		}
	}
	b.mu.Unlock()
	for _, w := range requeue {
		b.enqueue(region, w, nil)
	}
	for _, w := range batch {
		if err != nil {
			w.err = err
		} else {
			w.trail, w.err = pick(trails, region, w.name)
		}
		if IsNotFound(w.err) {
			w.reads++
			if b.waitsAgain(w) {
				// Back into the queue after a backoff: the trail may not be listed yet.
				b.mu.Lock()
				w.notFound, w.seen = w.err, w.reads
				b.mu.Unlock()
				wait := b.c.backoff(w.reads)
				tflog.Debug(w.ctx, "Retrying ActionTrail API call", map[string]any{
					"action": "DescribeTrails", "attempt": w.reads, "wait_ms": wait.Milliseconds(), "error": w.err.Error(),
				})
				time.AfterFunc(wait, func() {
					if w.ctx.Err() == nil { // else its operation has left
						b.enqueue(region, w, nil)
					}
				})
				continue
			}
			if w.afterWrite {
				w.err = withAttempts(w.err, w.reads, b.c.now().Sub(w.start), nil)
			}
		}
		close(w.done)
	}
}

// waitsAgain tells whether the read-back w, whose trail the last answer did not list, waits for
// another read: within its window and the client's attempts, and while its operation waits.
func (b *readBatcher) waitsAgain(w *readWaiter) bool {
	if !w.afterWrite || w.ctx.Err() != nil || !b.c.now().Before(w.until) {
		return false
	}
	return b.c.policy.MaxAttempts == 0 || w.reads < b.c.policy.MaxAttempts
}

// pickCreated finds, in the answer of a read that asked for a create in progress, the trail that
// create made: listed, and still switched off (status Fresh), as the API creates trails and the
// create's StartLogging goes out only once CreateTrail has answered. Anything else (a trail the
// API still lists after Terraform deleted it, to replace it under its name) is nil: the read-back
// then reads on its own.
func pickCreated(list []Trail, region, name string) *Trail {
	t, err := pick(list, region, name)
	if err != nil || t.Status != "" && t.Status != StatusFresh {
		return nil
	}
	return t
}

// pick finds name, with its home in region, in a DescribeTrails answer.
func pick(list []Trail, region, name string) (*Trail, error) {
	for i := range list {
		if list[i].Name == name && (list[i].HomeRegion == "" || list[i].HomeRegion == region) {
			t := list[i]
			return &t, nil
		}
	}
	return nil, &NotFoundError{Region: region, Name: name}
}
