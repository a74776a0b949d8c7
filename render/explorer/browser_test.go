package explorer_test

func closeBrowser() {}
