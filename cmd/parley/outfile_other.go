//go:build !linux

package main

import (
	"errors"
	"os"
)

var errNoUnnamed = errors.New("no unnamed temporary files here")

// openUnnamed is not available: the temporary file gets a name at once.
func openUnnamed(dir string) (*os.File, error) { return nil, errNoUnnamed }

func linkUnnamed(f *os.File, dir string) (string, error) { return "", errNoUnnamed }
