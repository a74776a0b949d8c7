package main

import (
	"errors"
	"fmt"

	"github.com/parley/parley/data"
	"github.com/parley/parley/graph"
)

// Exit codes, the same for every command.
const (
	exitOK      = 0
	exitFailure = 1 // the command could not do its work: a write failed, the engine failed
	exitInput   = 2 // bad input or usage: a flag, an argument, a file's content
)

// usageError is a mistake on the command line.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error {
	return usageError{fmt.Errorf(format, args...)}
}

// exitError carries an explicit exit code and a message already printed
// (or none to print).
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// exitCode classifies an error: bad input and usage exit 2, the rest 1.
func exitCode(err error) int {
	var ee *exitError
	var ue usageError
	var nf *graph.NotFoundError
	var am *graph.AmbiguousError
	var re *graph.ReadingsError
	var ie inputError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ee):
		return ee.code
	case errors.As(err, &ue), errors.As(err, &nf), errors.As(err, &am), errors.As(err, &re),
		errors.As(err, &ie), errors.Is(err, data.ErrInvalid), errors.Is(err, data.ErrTooLarge),
		errors.Is(err, graph.ErrTooManyPairs):
		return exitInput
	}
	return exitFailure
}

// inputError marks a failure to open or read an input the user named: a
// missing file is bad input, not a failure of parley.
type inputError struct{ err error }

func (e inputError) Error() string { return e.err.Error() }
func (e inputError) Unwrap() error { return e.err }
