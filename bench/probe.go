package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strings"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
)

// The go-plugin handshake that terraform-plugin-go's tf6server expects (tf6server.Serve).
const (
	magicCookieKey   = "TF_PLUGIN_MAGIC_COOKIE"
	magicCookieValue = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2"
)

// StartTiming is one provider start, measured from exec to the handshake line on stdout (the
// gRPC server listens) and to the end of the first GetProviderSchema answer.
type StartTiming struct {
	Handshake time.Duration
	Schema    time.Duration
	Bytes     int // size of the GetProviderSchema answer
}

// probeStart launches a provider binary the way Terraform does (go-plugin handshake environment,
// protocol 6, no TLS: Terraform adds AutoMTLS, which costs both providers the same), reads the
// handshake line, and calls tfplugin6.Provider/GetProviderSchema over the announced unix socket.
// The request message is empty, so no generated proto code is needed: the call goes through a
// pass-through codec, and the answer is checked to name wantType.
func probeStart(ctx context.Context, bin, wantType string) (StartTiming, error) {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin)
	cmd.Env = append(cleanEnv(), magicCookieKey+"="+magicCookieValue, "PLUGIN_PROTOCOL_VERSIONS=6")
	cmd.Stderr = io.Discard
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return StartTiming{}, err
	}
	start := time.Now()
	if err := cmd.Start(); err != nil {
		return StartTiming{}, err
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		return StartTiming{}, fmt.Errorf("%s: no handshake line: %v", bin, err)
	}
	var st StartTiming
	st.Handshake = time.Since(start)
	go func() { _, _ = io.Copy(io.Discard, stdout) }()
	// core-version|app-version|network|address|protocol|server-cert
	parts := strings.Split(strings.TrimSpace(line), "|")
	if len(parts) < 5 || parts[1] != "6" || parts[4] != "grpc" {
		return st, fmt.Errorf("%s: unexpected handshake %q", bin, line)
	}
	target := parts[3]
	if parts[2] == "unix" {
		target = "unix:" + target
	}
	conn, err := grpc.NewClient(target, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return st, err
	}
	defer func() { _ = conn.Close() }()
	var out []byte
	if err := conn.Invoke(ctx, "/tfplugin6.Provider/GetProviderSchema", []byte{}, &out, grpc.ForceCodec(rawCodec{})); err != nil {
		return st, fmt.Errorf("%s: GetProviderSchema: %v", bin, err)
	}
	st.Schema = time.Since(start)
	st.Bytes = len(out)
	if !bytes.Contains(out, []byte(wantType)) {
		return st, fmt.Errorf("%s: the schema answer does not name %s", bin, wantType)
	}
	return st, nil
}

// rawCodec passes already-encoded protobuf bytes through. It must call itself "proto": the name
// is the content subtype, and the server only knows proto.
type rawCodec struct{}

func (rawCodec) Name() string { return "proto" }

func (rawCodec) Marshal(v any) ([]byte, error) {
	b, ok := v.([]byte)
	if !ok {
		return nil, fmt.Errorf("rawCodec: cannot marshal %T", v)
	}
	return b, nil
}

func (rawCodec) Unmarshal(data []byte, v any) error {
	p, ok := v.(*[]byte)
	if !ok {
		return fmt.Errorf("rawCodec: cannot unmarshal into %T", v)
	}
	*p = append((*p)[:0], data...)
	return nil
}
