package lab

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"

	mysqldriver "github.com/go-sql-driver/mysql"
)

// A MySQL DSN may name several nodes of one cluster (Galera, or the
// members of an InnoDB Cluster): mysql://USER@tcp(H1:3306,H2:3306,H3:3306)/DB.
// The driver itself takes one address only (it would read the list as a
// single host), so torchlab splits the list and dials the nodes itself
// (nodeConnector): a process keeps to the node that last answered and moves
// to the next when it stops answering or leaves the cluster's primary
// component, so that it fails over with no proxy in front of the cluster.

// splitNodes takes the node list out of a DSN: the DSN with the first node
// alone (for the driver's parser) and every node, each with a port.
func splitNodes(dsn string) (string, []string, error) {
	const open = "@tcp("
	i := strings.Index(dsn, open)
	if i < 0 {
		return dsn, nil, nil
	}
	rest := dsn[i+len(open):]
	j := strings.IndexByte(rest, ')')
	if j < 0 {
		return "", nil, errors.New("tcp( has no closing parenthesis")
	}
	var nodes []string
	for _, n := range strings.Split(rest[:j], ",") {
		n = strings.TrimSpace(n)
		if n == "" {
			return "", nil, errors.New("empty node in the address list")
		}
		if _, _, err := net.SplitHostPort(n); err != nil {
			n = net.JoinHostPort(n, "3306")
		}
		nodes = append(nodes, n)
	}
	return dsn[:i+len(open)] + nodes[0] + rest[j:], nodes, nil
}

// nodeConnector dials the nodes of a cluster in turn, starting with the one
// that last answered.
type nodeConnector struct {
	nodes      []driver.Connector
	addrs      []string
	preferred  atomic.Int32
	driverImpl driver.Driver
}

func newNodeConnector(cfg *mysqldriver.Config, addrs []string) (*nodeConnector, error) {
	c := &nodeConnector{addrs: addrs}
	for _, a := range addrs {
		nc := cfg.Clone()
		nc.Addr = a
		conn, err := mysqldriver.NewConnector(nc)
		if err != nil {
			return nil, err
		}
		c.nodes = append(c.nodes, conn)
		c.driverImpl = conn.Driver()
	}
	return c, nil
}

// Connect dials the preferred node, then the others in order; the first
// that answers becomes the preferred one. All failing, it returns the
// last node's error.
func (c *nodeConnector) Connect(ctx context.Context) (driver.Conn, error) {
	start := int(c.preferred.Load())
	var errs []error
	for k := range c.nodes {
		i := (start + k) % len(c.nodes)
		conn, err := c.nodes[i].Connect(ctx)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", c.addrs[i], err))
			if ctx.Err() != nil {
				break
			}
			continue
		}
		c.preferred.Store(int32(i))
		return &nodeConn{mysqlConn: conn, owner: c, node: i}, nil
	}
	return nil, errors.Join(errs...)
}

func (c *nodeConnector) Driver() driver.Driver { return c.driverImpl }

// leave moves the preferred node past node i, when a connection found that
// node unable to serve (shutting down, or outside the primary component).
func (c *nodeConnector) leave(i int) {
	c.preferred.CompareAndSwap(int32(i), int32((i+1)%len(c.nodes)))
}

// nodeConn is the driver's connection, which reports itself invalid once
// its node answered that it cannot serve (error 1047, 1053): database/sql
// then closes it instead of handing it out again, and the next connection
// is dialled to another node. Every interface the driver's connection has
// is passed through, so that database/sql treats it as the driver's own.
type nodeConn struct {
	mysqlConn driver.Conn
	owner     *nodeConnector
	node      int
	mu        sync.Mutex
	bad       bool
}

var (
	_ driver.ConnBeginTx        = (*nodeConn)(nil)
	_ driver.ConnPrepareContext = (*nodeConn)(nil)
	_ driver.ExecerContext      = (*nodeConn)(nil)
	_ driver.QueryerContext     = (*nodeConn)(nil)
	_ driver.Pinger             = (*nodeConn)(nil)
	_ driver.SessionResetter    = (*nodeConn)(nil)
	_ driver.Validator          = (*nodeConn)(nil)
	_ driver.NamedValueChecker  = (*nodeConn)(nil)
	_ driver.Connector          = (*nodeConnector)(nil)
)

// see notes the error and marks the connection bad if its node cannot
// serve.
func (c *nodeConn) see(err error) error {
	if err != nil && nodeUnusable(err) {
		c.mu.Lock()
		c.bad = true
		c.mu.Unlock()
		c.owner.leave(c.node)
	}
	return err
}

// nodeUnusable reports errors saying the node itself cannot serve, whatever
// the statement: 1047 (WSREP has not yet prepared node for application use:
// a Galera node outside the primary component, or still joining), 1053
// (server shutdown in progress), 1927 (connection killed), and 1180 (error
// during COMMIT) when Galera gives as its reason that the node is not
// connected to the primary component: a node cut off while a transaction
// was being committed, which rolls it back, as the cluster test sees when
// it kills a node under load.
func nodeUnusable(err error) bool {
	var my *mysqldriver.MySQLError
	if errors.As(err, &my) {
		switch my.Number {
		case 1047, 1053, 1927:
			return true
		case 1180:
			return strings.Contains(my.Message, "Not connected to Primary Component")
		}
	}
	return false
}

func (c *nodeConn) Prepare(query string) (driver.Stmt, error) {
	s, err := c.mysqlConn.Prepare(query)
	return s, c.see(err)
}

func (c *nodeConn) Close() error { return c.mysqlConn.Close() }

func (c *nodeConn) Begin() (driver.Tx, error) {
	return c.BeginTx(context.Background(), driver.TxOptions{})
}

func (c *nodeConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	tx, err := c.mysqlConn.(driver.ConnBeginTx).BeginTx(ctx, opts)
	if err != nil {
		return nil, c.see(err)
	}
	return nodeTx{tx: tx, conn: c}, nil
}

func (c *nodeConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	s, err := c.mysqlConn.(driver.ConnPrepareContext).PrepareContext(ctx, query)
	return s, c.see(err)
}

func (c *nodeConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	r, err := c.mysqlConn.(driver.ExecerContext).ExecContext(ctx, query, args)
	return r, c.see(err)
}

func (c *nodeConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	r, err := c.mysqlConn.(driver.QueryerContext).QueryContext(ctx, query, args)
	return r, c.see(err)
}

func (c *nodeConn) Ping(ctx context.Context) error {
	return c.see(c.mysqlConn.(driver.Pinger).Ping(ctx))
}

func (c *nodeConn) ResetSession(ctx context.Context) error {
	if !c.IsValid() {
		return driver.ErrBadConn
	}
	return c.mysqlConn.(driver.SessionResetter).ResetSession(ctx)
}

func (c *nodeConn) IsValid() bool {
	c.mu.Lock()
	bad := c.bad
	c.mu.Unlock()
	return !bad && c.mysqlConn.(driver.Validator).IsValid()
}

func (c *nodeConn) CheckNamedValue(nv *driver.NamedValue) error {
	return c.mysqlConn.(driver.NamedValueChecker).CheckNamedValue(nv)
}

// nodeTx sees the commit's error too: a Galera node that left the primary
// component refuses the COMMIT with 1047.
type nodeTx struct {
	tx   driver.Tx
	conn *nodeConn
}

func (t nodeTx) Commit() error   { return t.conn.see(t.tx.Commit()) }
func (t nodeTx) Rollback() error { return t.tx.Rollback() }
