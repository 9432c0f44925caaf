package emulator

import (
	"sync"
	"time"
)

// nonceCache remembers the SignatureNonces of authenticated requests per AccessKeyId for the
// timestamp window, so that a replay inside the window is refused. Old entries are pruned on every
// use, and the total is capped, so memory stays bounded.
type nonceCache struct {
	mu    sync.Mutex
	seen  map[string]time.Time // access key ID + "\x00" + nonce → when it was used
	order []nonceEntry         // in order of use; order[head:] are live
	head  int
}

type nonceEntry struct {
	key  string
	used time.Time
}

// maxNonces caps the cache (about 100 bytes an entry); beyond it the oldest nonces are forgotten early.
const maxNonces = 1 << 20

// use records a nonce and reports whether it was fresh.
func (c *nonceCache) use(accessKeyID, nonce string, now time.Time) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.seen == nil {
		c.seen = make(map[string]time.Time)
	}
	c.pruneLocked(now)
	key := accessKeyID + "\x00" + nonce
	if used, ok := c.seen[key]; ok && now.Sub(used) < timestampWindow && used.Sub(now) < timestampWindow {
		return false
	}
	c.seen[key] = now
	c.order = append(c.order, nonceEntry{key, now})
	for len(c.seen) > maxNonces {
		c.dropOldestLocked()
	}
	return true
}

func (c *nonceCache) pruneLocked(now time.Time) {
	for c.head < len(c.order) && now.Sub(c.order[c.head].used) >= timestampWindow {
		c.dropOldestLocked()
	}
	if c.head > 1024 && c.head > len(c.order)/2 {
		c.order = append([]nonceEntry(nil), c.order[c.head:]...)
		c.head = 0
	}
}

func (c *nonceCache) dropOldestLocked() {
	e := c.order[c.head]
	c.order[c.head] = nonceEntry{}
	c.head++
	if c.seen[e.key].Equal(e.used) { // not used again since
		delete(c.seen, e.key)
	}
}

func (c *nonceCache) len() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen)
}
