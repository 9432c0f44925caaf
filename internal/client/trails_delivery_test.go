package client

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"

	"github.com/openactiontrail/terraform-provider-actiontrail/internal/emulator"
)

const (
	testMaxComputeArn  = "acs:odps:cn-hangzhou:1234567890123456:project/actiontrail_client"
	testMaxComputeRole = "acs:ram::1234567890123456:role/maxcompute-writer"
)

// TestMaxComputeRoundTrip: the MaxCompute parameters, which the v1 SDK's typed request and Trail
// lack, are sent by CreateTrail and UpdateTrail and read back by DescribeTrails; sent empty, they clear.
func TestMaxComputeRoundTrip(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{MaxComputeProjects: []string{"actiontrail_client"}}, RetryPolicy{})
	ctx := context.Background()
	p := TrailParams{Name: "client-odps", MaxComputeProjectArn: ptr(testMaxComputeArn), MaxComputeWriteRoleArn: ptr(testMaxComputeRole)}
	if _, err := c.CreateTrail(ctx, region, p); err != nil {
		t.Fatal(err)
	}
	tr, err := c.DescribeTrail(ctx, region, "client-odps")
	if err != nil {
		t.Fatal(err)
	}
	if tr.MaxComputeProjectArn != testMaxComputeArn || tr.MaxComputeWriteRoleArn != testMaxComputeRole || tr.OssBucketName != "" {
		t.Fatalf("read back %+v", tr)
	}
	if !p.Matches(tr) {
		t.Fatal("the trail read back does not match the parameters it was created with")
	}
	other := p
	other.MaxComputeWriteRoleArn = ptr("acs:ram::1234567890123456:role/another")
	if other.Matches(tr) {
		t.Fatal("another MaxCompute role matches")
	}
	// The other fields still decode: the list is the package's own type, not the SDK's.
	if tr.Status != StatusFresh || tr.TrailArn == "" || tr.CreateTime == "" || tr.HomeRegion != region {
		t.Fatalf("read back %+v", tr)
	}

	if err := c.UpdateTrail(ctx, region, TrailParams{Name: "client-odps", OssBucketName: ptr(testBucket),
		MaxComputeProjectArn: ptr(""), MaxComputeWriteRoleArn: ptr("")}); err != nil {
		t.Fatal(err)
	}
	got, _ := emu.GetTrail(region, "client-odps")
	if got.MaxComputeProjectArn != "" || got.MaxComputeWriteRoleArn != "" || got.OssBucketName != testBucket {
		t.Fatalf("after clearing: %+v", got)
	}
	list, err := c.DescribeTrails(ctx, region, ListOptions{})
	if err != nil || len(list) != 1 || list[0].MaxComputeProjectArn != "" {
		t.Fatalf("list %+v, %v", list, err)
	}
}

// TestMaxComputeErrorsKeepTheirCode: the emulator's MaxCompute codes reach the caller as API errors.
func TestMaxComputeErrorsKeepTheirCode(t *testing.T) {
	c, _ := newTestClient(t, emulator.Config{}, RetryPolicy{})
	ctx := context.Background()
	for arn, code := range map[string]string{
		testMaxComputeArn: "MaxComputeProjectDoesNotExistException",
		"acs:odps:cn-hangzhou:1234567890123456:project/audit_logs": "InvalidMaxComputeProjectArnException",
	} {
		_, err := c.CreateTrail(ctx, region, TrailParams{Name: "client-odps-bad", MaxComputeProjectArn: ptr(arn)})
		if !IsCode(err, code) {
			t.Errorf("%s: want %s, got %v", arn, code, err)
		}
	}
}

func TestGetTrailStatus(t *testing.T) {
	c, emu := newTestClient(t, emulator.Config{SLSProjects: []string{"client-project"}}, RetryPolicy{})
	ctx := context.Background()
	p := params("client-status")
	p.SlsProjectArn = ptr("acs:log:cn-hangzhou::project/client-project")
	if _, err := c.CreateTrail(ctx, region, p); err != nil {
		t.Fatal(err)
	}
	if err := c.StartLogging(ctx, region, "client-status"); err != nil {
		t.Fatal(err)
	}
	st, err := c.GetTrailStatus(ctx, region, "client-status", false)
	if err != nil {
		t.Fatal(err)
	}
	if !st.IsLogging || !st.OssBucketStatus || !st.SlsLogStoreStatus || st.LatestDeliveryError != "" || st.StartLoggingTime == "" {
		t.Fatalf("healthy trail reads %+v", st)
	}
	const ossErr, slsErr = "AccessDenied: bucket policy", "Unauthorized: the role may not write"
	emu.SetDeliveryHealth(region, "client-status", emulator.DeliveryHealth{
		LatestDeliveryTime: ptr("2026-01-02T03:04:05Z"), LatestDeliveryError: ptr(ossErr), OssBucketStatus: ptr(false),
		LatestDeliveryLogServiceError: ptr(slsErr), SlsLogStoreStatus: ptr(false),
	})
	if st, err = c.GetTrailStatus(ctx, region, "client-status", false); err != nil {
		t.Fatal(err)
	}
	want := TrailStatus{
		IsLogging: true, StartLoggingTime: st.StartLoggingTime, LatestDeliveryTime: "2026-01-02T03:04:05Z",
		LatestDeliveryError: ossErr, LatestDeliveryLogServiceTime: st.LatestDeliveryLogServiceTime,
		LatestDeliveryLogServiceError: slsErr,
	}
	if *st != want {
		t.Fatalf("got %+v\nwant %+v", *st, want)
	}
	if calls := emu.Calls(); calls["GetTrailStatus"] != 2 {
		t.Fatalf("calls %v", calls)
	}
	if _, err := c.GetTrailStatus(ctx, region, "no-such-trail", false); !IsNotFound(err) {
		t.Fatalf("a missing trail: %v", err)
	}
}

// TestGetTrailStatusRetriesOnce: a transient failure is retried by the one loop, and the call
// after it answers.
func TestGetTrailStatusRetriesOnce(t *testing.T) {
	emu := emulator.New(emulator.Config{AccessKeyID: testKey, AccessKeySecret: testSecret, Buckets: []string{testBucket}})
	emu.PutTrail(region, emulator.Trail{Name: "client-flaky", OssBucketName: testBucket, Status: emulator.StatusEnable})
	var failures atomic.Int32
	failures.Store(2)
	c := serverClient(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failures.Add(-1) >= 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write([]byte(`{"Code":"ServiceUnavailable","Message":"try later","RequestId":"r-1"}`))
			return
		}
		emu.ServeHTTP(w, r)
	}), Config{Region: region, Credentials: credentials.NewStaticAKCredentialsProvider(testKey, testSecret),
		Retry: RetryPolicy{BaseDelay: 1, MaxDelay: 1}})
	st, err := c.GetTrailStatus(context.Background(), region, "client-flaky", false)
	if err != nil || !st.IsLogging || failures.Load() != -1 {
		t.Fatalf("status %+v, err %v, failures left %d", st, err, failures.Load())
	}
}
