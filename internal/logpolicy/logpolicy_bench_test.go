package logpolicy_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/logpolicy"
	"github.com/openactiontrail/terraform-provider-actiontrail/internal/provider"
)

// BenchmarkPlanOneTrail measures what QuietUnlessAsked saves: the provider's side of planning one
// new actiontrail_trail (ValidateResourceConfig, then PlanResourceChange), through
// terraform-plugin-go's gRPC handlers as Terraform reaches them (so with the loggers they set up
// per request), with the SDK's default logging (TRACE, what a provider without the policy writes
// when Terraform's TF_LOG is not set) and with the policy. The log lines go to a pipe, as they go
// to Terraform, and are counted (log-bytes/op). Terraform's own cost of reading and dropping those
// lines comes on top and is not measured here. The provider is not configured, so ModifyPlan
// stops before the plan-time lookup (no API).
//
//	go test -run - -bench PlanOneTrail -count 5 ./internal/logpolicy/
func BenchmarkPlanOneTrail(b *testing.B) {
	for _, bc := range []struct {
		name  string
		quiet bool
	}{{"sdk-default-trace", false}, {"quiet-unless-asked", true}} {
		b.Run(bc.name, func(b *testing.B) {
			unsetLogVariables(b) // the SDK's default: TRACE
			if bc.quiet {
				logpolicy.QuietUnlessAsked("actiontrail")
			}
			logged := captureStderr(b)
			srv := tf6server.New("registry.terraform.io/openactiontrail/actiontrail",
				providerserver.NewProtocol6(provider.New("bench")())(), tf6server.WithoutLogStderrOverride())
			validate, plan := planRequests(b)
			mustSucceed(b, srv, "ValidateResourceConfig", validate) // warm up, and check that both succeed
			mustSucceed(b, srv, "PlanResourceChange", plan)
			before := logged.Load()
			b.ResetTimer()
			for b.Loop() {
				call(b, srv, "ValidateResourceConfig", validate)
				call(b, srv, "PlanResourceChange", plan)
			}
			b.StopTimer()
			b.ReportMetric(float64(logged.Load()-before)/float64(b.N), "log-bytes/op")
		})
	}
}

// captureStderr points os.Stderr, where the loggers created from now on write, at a pipe whose
// bytes are counted, until the benchmark ends.
func captureStderr(b *testing.B) *atomic.Int64 {
	b.Helper()
	r, w, err := os.Pipe()
	if err != nil {
		b.Fatal(err)
	}
	var n atomic.Int64
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 64<<10)
		for {
			k, err := r.Read(buf)
			n.Add(int64(k))
			if err != nil {
				return
			}
		}
	}()
	saved := os.Stderr
	os.Stderr = w
	b.Cleanup(func() {
		os.Stderr = saved
		_ = w.Close()
		<-done
		_ = r.Close()
	})
	return &n
}

// planRequests are the protojson forms of the two requests for a new trail as the bench
// configures it (name, region, bucket, prefix; the rest left to defaults and the API).
func planRequests(b *testing.B) (validate, plan []byte) {
	b.Helper()
	ctx := context.Background()
	var sr resource.SchemaResponse
	provider.NewTrailResource().Schema(ctx, resource.SchemaRequest{}, &sr)
	typ, ok := sr.Schema.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		b.Fatalf("schema type %T", sr.Schema.Type())
	}
	set := map[string]string{"name": "bench-00001", "region": "cn-hangzhou", "oss_bucket_name": "actiontrail-demo-bucket", "oss_key_prefix": "bench-prefix"}
	object := func(unknownComputed bool) tftypes.Value {
		vals := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			a, isAttr := sr.Schema.Attributes[name]
			switch {
			case set[name] != "":
				vals[name] = tftypes.NewValue(at, set[name])
			case unknownComputed && isAttr && a.IsComputed():
				vals[name] = tftypes.NewValue(at, tftypes.UnknownValue)
			default:
				vals[name] = tftypes.NewValue(at, nil)
			}
		}
		return tftypes.NewValue(typ, vals)
	}
	dv := func(v tftypes.Value) map[string]string {
		d, err := tfprotov6.NewDynamicValue(typ, v)
		if err != nil {
			b.Fatal(err)
		}
		return map[string]string{"msgpack": base64.StdEncoding.EncodeToString(d.MsgPack)}
	}
	config := dv(object(false))
	validate, err := json.Marshal(map[string]any{"type_name": "actiontrail_trail", "config": config})
	if err != nil {
		b.Fatal(err)
	}
	plan, err = json.Marshal(map[string]any{
		"type_name": "actiontrail_trail", "config": config,
		"prior_state": dv(tftypes.NewValue(typ, nil)), "proposed_new_state": dv(object(true)),
	})
	if err != nil {
		b.Fatal(err)
	}
	return validate, plan
}

// call invokes a gRPC handler of the tf6server with a request given as protojson and returns
// the response. The request and response types are terraform-plugin-go's internal tfplugin6
// messages, so they are reached by reflection; the handler itself runs as for a call from
// Terraform.
func call(b *testing.B, srv any, method string, reqJSON []byte) proto.Message {
	m := reflect.ValueOf(srv).MethodByName(method)
	if !m.IsValid() {
		b.Fatalf("no method %s", method)
	}
	req := reflect.New(m.Type().In(1).Elem())
	msg, ok := req.Interface().(proto.Message)
	if !ok {
		b.Fatalf("%s: request %s is not a proto message", method, req.Type())
	}
	if err := protojson.Unmarshal(reqJSON, msg); err != nil {
		b.Fatal(err)
	}
	out := m.Call([]reflect.Value{reflect.ValueOf(context.Background()), req})
	if err, _ := out[1].Interface().(error); err != nil {
		b.Fatalf("%s: %v", method, err)
	}
	resp, ok := out[0].Interface().(proto.Message)
	if !ok {
		b.Fatalf("%s: response %T", method, out[0].Interface())
	}
	return resp
}

// mustSucceed calls a handler and fails on an error diagnostic in its response.
func mustSucceed(b *testing.B, srv any, method string, reqJSON []byte) {
	raw, err := protojson.Marshal(call(b, srv, method, reqJSON))
	if err != nil {
		b.Fatal(err)
	}
	if strings.Contains(string(raw), `"ERROR"`) {
		b.Fatalf("%s: %s", method, raw)
	}
}
