// Command actiontrail-emulator serves a local, in-memory ActionTrail endpoint for the official SDK
// and the Terraform provider.
//
// Its first line on stdout is "listening on http://HOST:PORT" (https with -tls-cert and -tls-key); it serves until SIGINT or SIGTERM,
// then shuts down gracefully and exits 0. Each API call is logged to stderr (never a secret or a
// signature).
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("actiontrail-emulator", flag.ContinueOnError)
	fs.SetOutput(stderr)
	var (
		addr          = fs.String("addr", "127.0.0.1:18080", "`address` to listen on; 127.0.0.1:0 picks a free port")
		accessKeyID   = fs.String("access-key-id", emulator.DefaultAccessKeyID, "the accepted AccessKeyId")
		accessSecret  = fs.String("access-key-secret", emulator.DefaultAccessKeySecret, "the accepted AccessKeySecret")
		securityToken = fs.String("security-token", "", "if set, every request must carry this SecurityToken (STS)")
		accountID     = fs.String("account-id", emulator.DefaultAccountID, "account `ID` used in ARNs")
		accountsFile  = fs.String("accounts", "", "multi-account `file` (JSON: accounts and keys, roles, OIDC providers, resource directory); replaces -access-key-id, -access-key-secret, -security-token and -account-id")
		region        = fs.String("region", emulator.DefaultRegion, "default `region`, when neither RegionId nor the Host header names one")
		extraRegions  = fs.String("extra-regions", "", "comma-separated `regions` answered beside the emulator's list of ActionTrail regions (any other RegionId is refused with 404 InvalidRegionId.NotFound)")
		buckets       = fs.String("buckets", "actiontrail-demo-bucket,yuanchuang", "comma-separated OSS `buckets` that exist and ActionTrail may write")
		denied        = fs.String("denied-buckets", "actiontrail-denied-bucket", "comma-separated OSS `buckets` that exist but deny ActionTrail (InsufficientBucketPolicyException)")
		projects      = fs.String("sls-projects", "actiontrail-demo-project", "comma-separated SLS `projects` that exist")
		odpsProjects  = fs.String("maxcompute-projects", "actiontrail_demo", "comma-separated MaxCompute `projects` that exist (ActionTrail delivers only to names starting with actiontrail_)")
		maxTrails     = fs.Int("max-trails-per-region", emulator.DefaultMaxTrailsPerRegion, "trail quota per region")
		latency       = fs.Duration("latency", 0, "`delay` added to every API call, e.g. 50ms")
		throttle      = fs.Float64("fault-throttle", 0, "`probability` of answering 400 Throttling.User")
		unavailable   = fs.Float64("fault-unavailable", 0, "`probability` of answering 503 ServiceUnavailable")
		serverError   = fs.Float64("fault-server-error", 0, "`probability` of answering 500 InternalError before acting")
		succeededErr  = fs.Float64("fault-succeeded-but-error", 0, "`probability` of acting, then answering 500 InternalError")
		faultActions  = fs.String("fault-actions", "", "comma-separated `actions` faults apply to (default all)")
		seed          = fs.Int64("fault-seed", 0, "`seed` of the fault sequence")
		readTimeout   = fs.Duration("read-timeout", 30*time.Second, "`time` a client has to send a whole request (headers and body); a slower one is disconnected")
		tlsCert       = fs.String("tls-cert", "", "serve HTTPS with this PEM certificate `file` (with -tls-key): the SDKs' STS credential providers (AssumeRole, AssumeRoleWithOIDC) call STS over HTTPS only")
		tlsKey        = fs.String("tls-key", "", "PEM private key `file` of -tls-cert")
	)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: actiontrail-emulator [flags]\n\n"+
			"Serves a local, in-memory Alibaba Cloud ActionTrail API (2020-07-06) for the official SDKs,\n"+
			"signed with HMAC-SHA1 (V1) or ACS3-HMAC-SHA256 (V3), and STS (2015-04-01) GetCallerIdentity,\n"+
			"AssumeRole and AssumeRoleWithOIDC on the same port (roles and providers need -accounts).\n"+
			"Admin endpoints (unsigned): GET /_emulator/calls, POST /_emulator/calls/reset,\n"+
			"GET /_emulator/rejected (requests refused before their action, by action and by code),\n"+
			"GET /_emulator/trails, GET /_emulator/healthz,\n"+
			"POST /_emulator/delivery?region=R&name=N (JSON body of GetTrailStatus delivery fields).\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "unexpected arguments: %q\n", fs.Args())
		return 2
	}
	for name, p := range map[string]float64{
		"fault-throttle": *throttle, "fault-unavailable": *unavailable,
		"fault-server-error": *serverError, "fault-succeeded-but-error": *succeededErr,
	} {
		if !(p >= 0 && p <= 1) {
			fmt.Fprintf(stderr, "-%s must be a probability in [0,1], got %v\n", name, p)
			return 2
		}
	}
	if *maxTrails < 1 {
		fmt.Fprintf(stderr, "-max-trails-per-region must be at least 1, got %d\n", *maxTrails)
		return 2
	}
	if *latency < 0 {
		fmt.Fprintf(stderr, "-latency must not be negative, got %s\n", *latency)
		return 2
	}

	var tlsConfig *tls.Config
	if (*tlsCert == "") != (*tlsKey == "") {
		fmt.Fprintf(stderr, "-tls-cert and -tls-key go together\n")
		return 2
	}
	if *tlsCert != "" {
		pair, err := tls.LoadX509KeyPair(*tlsCert, *tlsKey)
		if err != nil {
			fmt.Fprintf(stderr, "-tls-cert/-tls-key: %v\n", err)
			return 2
		}
		tlsConfig = &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}
	}

	var accounts *emulator.AccountsFile
	if *accountsFile != "" {
		var clash []string
		fs.Visit(func(f *flag.Flag) {
			switch f.Name {
			case "access-key-id", "access-key-secret", "security-token", "account-id":
				clash = append(clash, "-"+f.Name)
			}
		})
		if len(clash) > 0 {
			fmt.Fprintf(stderr, "-accounts cannot be combined with %s: the accounts file holds the keys\n", strings.Join(clash, ", "))
			return 2
		}
		var err error
		if accounts, err = emulator.LoadAccounts(*accountsFile); err != nil {
			fmt.Fprintf(stderr, "-accounts: %v\n", err)
			return 2
		}
	}

	logger := log.New(stderr, "", log.LstdFlags|log.LUTC)
	srv := emulator.New(emulator.Config{
		Accounts:           accounts,
		AccessKeyID:        *accessKeyID,
		AccessKeySecret:    *accessSecret,
		SecurityToken:      *securityToken,
		AccountID:          *accountID,
		DefaultRegion:      *region,
		ExtraRegions:       splitList(*extraRegions),
		Buckets:            splitList(*buckets),
		DeniedBuckets:      splitList(*denied),
		SLSProjects:        splitList(*projects),
		MaxComputeProjects: splitList(*odpsProjects),
		MaxTrailsPerRegion: *maxTrails,
		Latency:            *latency,
		Faults: emulator.Faults{
			Throttle:          *throttle,
			Unavailable:       *unavailable,
			ServerError:       *serverError,
			SucceededButError: *succeededErr,
			Actions:           splitList(*faultActions),
			Seed:              *seed,
		},
		Logger: logger,
	})

	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "listen: %v\n", err)
		return 1
	}
	scheme := "http"
	if tlsConfig != nil {
		scheme = "https"
		ln = tls.NewListener(ln, tlsConfig)
	}
	fmt.Fprintf(stdout, "listening on %s://%s\n", scheme, ln.Addr())

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// A client that sends its request slowly, or never finishes it, is disconnected: the server
	// holds no connection forever.
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: min(10*time.Second, *readTimeout), ReadTimeout: *readTimeout,
		IdleTimeout: 2 * time.Minute, ErrorLog: logger}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()

	select {
	case err := <-served:
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return 1
	case <-ctx.Done():
	}
	stop()
	logger.Printf("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		fmt.Fprintf(stderr, "shutdown: %v\n", err)
		return 1
	}
	return 0
}

// splitList splits a comma-separated flag value, dropping blanks.
func splitList(s string) []string {
	var out []string
	for v := range strings.SplitSeq(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}
