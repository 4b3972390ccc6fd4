// Command torchlab-load measures torchlab at programme scale.
//
//	torchlab-load seed --db URL [--clients N] ...   fill an empty database with a programme
//	torchlab-load run --url http://HOST:PORT [--concurrency 32] [--duration 60s] [--bare-dsn URL] ...
//	                                                drive a running torchlab and report
//
// docs/performance.md tells how to reproduce the published figures.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	_ "time/tzdata"
)

const usage = `usage:
  torchlab-load seed --db URL [--clients 1000000] [--stations N] [--seed 1]
        fill an empty torchlab database (TORCHLAB_DB's form) with a programme
  torchlab-load run --url http://127.0.0.1:8080 [--concurrency 32] [--duration 60s]
        [--mix NAME=WEIGHT,...] [--bare-dsn URL] [--pid PID]
        drive a running torchlab over HTTP and print what it measured
        (with --bare-dsn it starts "torchlab-load yardstick" itself: the
        booking with the API's checks and rows at its least cost, to hold
        the API's CPU per booking against)
run either with -h for every flag
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "torchlab-load:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return fmt.Errorf("name a command")
	}
	switch args[0] {
	case "seed":
		return seedCmd(ctx, args[1:], stdout, stderr)
	case "run":
		return runCmd(ctx, args[1:], stdout, stderr)
	case "yardstick":
		return yardstickCmd(ctx, args[1:], os.Stdin, stdout, stderr)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}

func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("torchlab-load "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}
