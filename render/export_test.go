package render

// CheckCacheForTest exposes the cache check to the external tests.
func CheckCacheForTest(dir string) error { return prepareCache(dir) }
