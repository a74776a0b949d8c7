package explorer_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/parley/parley/graph"
)

// One headless Chromium serves every browser test of the binary, a tab
// each. Debian's chromium is found on PATH (or PARLEY_CHROMIUM names
// one); without it the browser tests say so and skip.
var browser struct {
	once   sync.Once
	ctx    context.Context
	cancel []context.CancelFunc
	err    error
	dir    string
}

func chromiumPath() string {
	if p := os.Getenv("PARLEY_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

func startBrowser() {
	path := chromiumPath()
	if path == "" {
		browser.err = fmt.Errorf("no Chromium found: install Debian's chromium (apt-get install chromium) or set PARLEY_CHROMIUM")
		return
	}
	dir, err := os.MkdirTemp("", "parley-chromium-")
	if err != nil {
		browser.err = err
		return
	}
	browser.dir = dir
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(dir),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("safebrowsing-disable-auto-update", true),
		chromedp.Flag("password-store", "basic"),
		chromedp.WindowSize(1400, 850),
	}
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, bcancel := chromedp.NewContext(actx)
	browser.cancel = []context.CancelFunc{bcancel, acancel}
	if err := chromedp.Do(bctx); err != nil {
		browser.err = fmt.Errorf("starting %s: %w", path, err)
		return
	}
	browser.ctx = bctx
}

func closeBrowser() {
	for _, c := range browser.cancel {
		c()
	}
	if browser.dir != "" {
		os.RemoveAll(browser.dir)
	}
}

// tabEvents is what a tab did that a page must not do by itself.
type tabEvents struct {
	mu          sync.Mutex
	dialogs     []string
	navigations []string // documents loaded, after the first
	requests    []string
	windows     []string
}

func (e *tabEvents) snapshot() tabEvents {
	e.mu.Lock()
	defer e.mu.Unlock()
	return tabEvents{dialogs: slices.Clone(e.dialogs), navigations: slices.Clone(e.navigations),
		requests: slices.Clone(e.requests), windows: slices.Clone(e.windows)}
}

// tab opens a tab of the shared browser, 1400×850, and records its
// dialogs, navigations and requests. A dialog is dismissed at once.
func tab(t *testing.T) (context.Context, *tabEvents) {
	t.Helper()
	browser.once.Do(startBrowser)
	if browser.err != nil {
		t.Skipf("browser tests skipped: %v", browser.err)
	}
	ctx, cancel := chromedp.NewContext(browser.ctx)
	t.Cleanup(cancel)
	ctx, cancel2 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel2)
	ev := &tabEvents{}
	frames := 0
	dialogs := make(chan struct{}, 16)
	if err := chromedp.Listen(ctx, func(e any) {
		ev.mu.Lock()
		defer ev.mu.Unlock()
		switch e := e.(type) {
		case *page.EventJavascriptDialogOpening:
			ev.dialogs = append(ev.dialogs, string(e.Type)+": "+e.Message)
			select {
			case dialogs <- struct{}{}:
			default:
			}
		case *page.EventFrameNavigated:
			frames++
			if frames > 1 {
				ev.navigations = append(ev.navigations, e.Frame.URL)
			}
		case *network.EventRequestWillBeSent:
			ev.requests = append(ev.requests, e.Request.URL)
		case *page.EventWindowOpen:
			ev.windows = append(ev.windows, e.URL)
		}
	}); err != nil {
		t.Fatal(err)
	}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-dialogs:
				chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
					_, err := cdp.Call(ctx, tg, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
					return err
				}))
			}
		}
	}()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(1400, 850)); err != nil {
		t.Fatal(err)
	}
	return ctx, ev
}

// do runs actions, failing the test on an error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval runs a script and decodes its value; promises are awaited.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%v\nin: %s", err, js)
	}
	return v
}

// waitFor waits until the expression is truthy and returns its value.
func waitFor[T any](t *testing.T, ctx context.Context, cond string) T {
	t.Helper()
	js := `new Promise((resolve, reject) => {
	  const t0 = performance.now();
	  (function loop() {
	    let v;
	    try { v = (` + cond + `); } catch (e) { v = undefined; }
	    if (v) return resolve(v);
	    if (performance.now() - t0 > 20000) return reject(new Error('timed out waiting for: ' + ` + jsString(cond) + `));
	    setTimeout(loop, 10);
	  })();
	})`
	return eval[T](t, ctx, js)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// openPage serves m, opens the page at the address's fragment (as
// "/#view=matrix") in a tab of the shared browser and waits until it is
// ready.
func openPage(t *testing.T, m *graph.Model, at string) (*httptest.Server, context.Context, *tabEvents) {
	t.Helper()
	ts, _ := server(t, m)
	ctx, ev := tab(t)
	do(t, ctx, chromedp.Navigate(ts.URL+at))
	ready(t, ctx)
	return ts, ctx, ev
}

// ready waits for the page to have drawn a picture and filled the panel.
func ready(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor[bool](t, ctx, `!!document.querySelector('#canvas svg') && !!document.querySelector('#details h2') && document.querySelector('#status').textContent === ''`)
}

const panelText = `document.querySelector('#details').textContent`
const panelTitle = `document.querySelector('#details h2') && document.querySelector('#details h2').textContent`

// artifacts is where screenshots and measurements go: PARLEY_ARTIFACTS,
// or a folder in the system's temporary folder, kept for a person to look at.
func artifacts(t *testing.T) string {
	dir := os.Getenv("PARLEY_ARTIFACTS")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "parley-artifacts")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(artifacts(t), name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot %s", path)
}

var _ = kb.Enter
var _ = strings.Contains
