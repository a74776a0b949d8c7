package explorer

import (
	"container/list"
	"context"
	"crypto/sha256"
	"errors"
	"sync"

	"github.com/parley/parley/render"
)

// errBusy is a layout refused because too many wait for the engine.
var errBusy = errors.New("too many layouts are waiting for the engine")

// lru is a cache of byte strings bounded by their total size, the least
// recently used dropped first. Safe for concurrent use.
type lru struct {
	mu    sync.Mutex
	max   int
	size  int
	order *list.List // front: most recent
	items map[string]*list.Element
}

type lruItem struct {
	key string
	val []byte
}

func newLRU(max int) *lru {
	return &lru{max: max, order: list.New(), items: map[string]*list.Element{}}
}

func (c *lru) get(key string) ([]byte, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*lruItem).val, true
	}
	return nil, false
}

func (c *lru) put(key string, val []byte) {
	n := len(key) + len(val)
	if n > c.max/4 {
		return // one answer must not empty the cache
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[key]; ok {
		c.size -= len(key) + len(e.Value.(*lruItem).val)
		c.order.Remove(e)
	}
	c.items[key] = c.order.PushFront(&lruItem{key, val})
	c.size += n
	for c.size > c.max {
		e := c.order.Back()
		it := e.Value.(*lruItem)
		c.order.Remove(e)
		delete(c.items, it.key)
		c.size -= len(it.key) + len(it.val)
	}
}

// layoutQueue lays graphs out one at a time through the engine, with at
// most limit waiting (more are refused with errBusy), and keeps the
// layouts by the hash of their DOT, layout and format: the same view is
// laid out once. It is a render.Layouter.
type layoutQueue struct {
	next   render.Layouter
	tokens chan struct{}
	mu     sync.Mutex // held while the engine runs: go-graphviz is not concurrency-safe
	cache  *lru
}

func newLayoutQueue(next render.Layouter, limit, cacheBytes int) *layoutQueue {
	return &layoutQueue{next: next, tokens: make(chan struct{}, limit), cache: newLRU(cacheBytes)}
}

func (q *layoutQueue) Run(ctx context.Context, dot []byte, layout, format string) ([]byte, error) {
	h := sha256.New()
	h.Write([]byte(layout + "\x00" + format + "\x00"))
	h.Write(dot)
	key := string(h.Sum(nil))
	if out, ok := q.cache.get(key); ok {
		return out, nil
	}
	if q.next == nil {
		return nil, render.ErrEngineNotFound
	}
	select {
	case q.tokens <- struct{}{}:
	default:
		return nil, errBusy
	}
	defer func() { <-q.tokens }()
	q.mu.Lock()
	defer q.mu.Unlock()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if out, ok := q.cache.get(key); ok {
		return out, nil // laid out while this one waited
	}
	out, err := q.next.Run(ctx, dot, layout, format)
	if err != nil {
		return nil, err
	}
	q.cache.put(key, out)
	return out, nil
}
