// Command torchlab serves the TORCH screening programme's API, web UI and
// background work, and administers its database from the command line.
//
//	torchlab [serve]                 run the service (the default)
//	torchlab migrate                 apply pending database migrations
//	torchlab user add --username U --role R [--station CODE] [--name N]
//	                                 add a user; the password is read from standard input
//	torchlab station add --code C --name N [--timezone TZ]
//	torchlab demo                    fill an empty database with demo data
//	torchlab healthcheck             exit 0 if the local service is ready
//
// Configuration comes from TORCHLAB_* environment variables (README.md).
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	_ "time/tzdata" // Asia/Shanghai works in any image, even without zoneinfo

	"torchlab/lab"
	"torchlab/migrations"
)

const usage = `usage:
  torchlab [serve]        run the service
  torchlab migrate        apply pending database migrations
  torchlab user add --username U --role admin|nurse|lab_tech|counselor [--station CODE] [--name N]
                          add a user; the password is read from standard input
  torchlab station add --code C --name N [--timezone TZ]
  torchlab demo           fill an empty database with demo stations, users, slots and women
  torchlab healthcheck    exit 0 if the local service answers /readyz with 200
configuration: TORCHLAB_* environment variables, see README.md
`

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "torchlab:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	cmd := "serve"
	if len(args) > 0 {
		cmd, args = args[0], args[1:]
	}
	switch cmd {
	case "serve":
		return serve(ctx, stderr)
	case "migrate":
		return migrate(ctx, stdout)
	case "demo":
		return demo(ctx, stdout)
	case "healthcheck":
		return healthcheck(ctx, stdout)
	case "user":
		if len(args) > 0 && args[0] == "add" {
			return userAdd(ctx, args[1:], stdin, stdout)
		}
	case "station":
		if len(args) > 0 && args[0] == "add" {
			return stationAdd(ctx, args[1:], stdout)
		}
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", cmd)
}

// open reads the configuration, opens the database and applies pending
// migrations (under a lock on MySQL, so that processes starting together
// migrate once).
func open(ctx context.Context) (*config, *lab.DB, error) {
	cfg, err := loadConfig()
	if err != nil {
		return nil, nil, err
	}
	db, err := lab.OpenDatabase(cfg.DB, cfg.pool())
	if err != nil {
		return nil, nil, err
	}
	if _, err := migrations.Up(ctx, db.SQL, db.Dialect, nil); err != nil {
		db.Close()
		return nil, nil, err
	}
	return cfg, db, nil
}

func migrate(ctx context.Context, stdout io.Writer) error {
	cfg, err := loadConfig()
	if err != nil {
		return err
	}
	db, err := lab.OpenDatabase(cfg.DB, cfg.pool())
	if err != nil {
		return err
	}
	defer db.Close()
	version, err := migrations.Up(ctx, db.SQL, db.Dialect, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database schema at version %d\n", version)
	return nil
}
