package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"torchlab/lab"
)

// userAdd creates a user whose password is read from standard input (one
// line), so it never shows in the process list or the shell history. Such
// users are not asked to change their password.
func userAdd(ctx context.Context, args []string, stdin io.Reader, stdout io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	username := fs.String("username", "", "sign-in name")
	role := fs.String("role", "", "admin, nurse, lab_tech or counselor")
	station := fs.String("station", "", "station code (nurses and counselors)")
	name := fs.String("name", "", "display name")
	if err := fs.Parse(args); err != nil {
		return err
	}
	password, err := bufio.NewReader(stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return fmt.Errorf("reading the password from standard input: %w", err)
	}
	password = strings.TrimRight(password, "\r\n")
	cfg, db, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := lab.NewService(db, cfg.serviceOptions())
	ctx = lab.SystemContext(ctx, "(command line)")
	in := lab.NewUser{Username: *username, Password: password, Role: lab.Role(*role), DisplayName: *name}
	if *station != "" {
		st, err := svc.StationByCode(ctx, *station)
		if err != nil {
			return fmt.Errorf("station %s: %w", *station, err)
		}
		in.StationID = &st.ID
	}
	u, err := svc.CreateUser(ctx, in)
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "user %s (%s) created with id %d\n", u.Username, u.Role, u.ID)
	return nil
}

func stationAdd(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("station add", flag.ContinueOnError)
	code := fs.String("code", "", "short code, such as HD01")
	name := fs.String("name", "", "the station's name")
	tz := fs.String("timezone", "", "IANA time zone (default TORCHLAB_TIMEZONE)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, db, err := open(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	svc := lab.NewService(db, cfg.serviceOptions())
	st, err := svc.CreateStation(lab.SystemContext(ctx, "(command line)"), lab.NewStation{Code: *code, Name: *name, Timezone: *tz})
	if err != nil {
		return describe(err)
	}
	fmt.Fprintf(stdout, "station %s (%s) created with id %d\n", st.Code, st.Name, st.ID)
	return nil
}

// describe spells out a validation error field by field for the terminal.
func describe(err error) error {
	var e *lab.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	var b strings.Builder
	b.WriteString(string(e.Code))
	for _, f := range e.Fields {
		fmt.Fprintf(&b, "\n  %s: %s", f.Field, f.Code)
		if f.Detail != "" {
			fmt.Fprintf(&b, " (%s)", f.Detail)
		}
	}
	return errors.New(b.String())
}
