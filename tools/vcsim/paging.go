package main

import (
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/vpx"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// pagingPropertyCollector makes the simulator's PropertyCollector page like vCenter's: RetrievePropertiesEx
// returns at most options.maxObjects objects and a token when more remain; ContinueRetrievePropertiesEx serves
// the next page for that token and CancelRetrievePropertiesEx drops it. govmomi 0.24 ignores maxObjects and
// implements neither method.
//
// The simulator gives every session its own instance of this type (it copies the singleton's type with
// reflection), so the pending results live in a package-level table keyed by token and bound to the session
// that created them. The struct embeds simulator.PropertyCollector by value for that reason.
type pagingPropertyCollector struct {
	simulator.PropertyCollector
}

// pendingResult is the rest of a result whose first page was served.
type pendingResult struct {
	sessionKey string
	objects    []types.ObjectContent
	pageSize   int
	touched    time.Time
}

// pendingTokenLifetime bounds how long an abandoned token is kept (vCenter also expires them).
const pendingTokenLifetime = 10 * time.Minute

var (
	pendingMu       sync.Mutex
	pendingResults  = map[string]*pendingResult{}
	pendingCounter  int64
	defaultPageSize int

	// Server-side call counters, exposed by /_test/stats.
	retrieveCalls int64
	continueCalls int64
	cancelCalls   int64
)

func installPagingPropertyCollector(pageSize int) {
	defaultPageSize = pageSize
	pc := &pagingPropertyCollector{}
	pc.Self = vpx.ServiceContent.PropertyCollector
	simulator.Map.Put(pc)
}

func notAuthenticated(this types.ManagedObjectReference) *soap.Fault {
	return simulator.Fault("The session is not authenticated.", &types.NotAuthenticated{
		NoPermission: types.NoPermission{Object: this, PrivilegeId: "System.View"},
	})
}

// RetrievePropertiesEx serves the first page. Unlike vcsim, it refuses callers without a session, as vCenter does.
func (pc *pagingPropertyCollector) RetrievePropertiesEx(ctx *simulator.Context, req *types.RetrievePropertiesEx) soap.HasFault {
	atomic.AddInt64(&retrieveCalls, 1)
	defer afterRetrieveCall()
	if ctx.Session == nil {
		return &methods.RetrievePropertiesExBody{Fault_: notAuthenticated(req.This)}
	}
	res := pc.PropertyCollector.RetrievePropertiesEx(ctx, req)
	body, ok := res.(*methods.RetrievePropertiesExBody)
	if !ok || body.Fault_ != nil || body.Res == nil {
		return res
	}

	pageSize := int(req.Options.MaxObjects)
	if pageSize <= 0 {
		pageSize = defaultPageSize
	}
	objects := body.Res.Returnval.Objects
	if pageSize <= 0 || len(objects) <= pageSize {
		return res
	}

	token := storePending(ctx.Session.Key, objects[pageSize:], pageSize)
	body.Res.Returnval = &types.RetrieveResult{Token: token, Objects: objects[:pageSize]}
	return body
}

// ContinueRetrievePropertiesEx serves the next page of a token created in the same session.
func (pc *pagingPropertyCollector) ContinueRetrievePropertiesEx(ctx *simulator.Context, req *types.ContinueRetrievePropertiesEx) soap.HasFault {
	atomic.AddInt64(&continueCalls, 1)
	defer afterRetrieveCall()
	body := &methods.ContinueRetrievePropertiesExBody{}
	if ctx.Session == nil {
		body.Fault_ = notAuthenticated(req.This)
		return body
	}

	pendingMu.Lock()
	defer pendingMu.Unlock()
	pending, ok := pendingResults[req.Token]
	if !ok || pending.sessionKey != ctx.Session.Key {
		body.Fault_ = simulator.Fault("Invalid token", &types.InvalidArgument{InvalidProperty: "token"})
		return body
	}

	n := pending.pageSize
	if n > len(pending.objects) {
		n = len(pending.objects)
	}
	result := types.RetrieveResult{Objects: pending.objects[:n]}
	pending.objects = pending.objects[n:]
	pending.touched = time.Now()
	if len(pending.objects) == 0 {
		delete(pendingResults, req.Token)
	} else {
		result.Token = req.Token
	}
	body.Res = &types.ContinueRetrievePropertiesExResponse{Returnval: result}
	return body
}

// CancelRetrievePropertiesEx drops the rest of a result.
func (pc *pagingPropertyCollector) CancelRetrievePropertiesEx(ctx *simulator.Context, req *types.CancelRetrievePropertiesEx) soap.HasFault {
	atomic.AddInt64(&cancelCalls, 1)
	body := &methods.CancelRetrievePropertiesExBody{}
	if ctx.Session == nil {
		body.Fault_ = notAuthenticated(req.This)
		return body
	}
	pendingMu.Lock()
	defer pendingMu.Unlock()
	pending, ok := pendingResults[req.Token]
	if !ok || pending.sessionKey != ctx.Session.Key {
		body.Fault_ = simulator.Fault("Invalid token", &types.InvalidArgument{InvalidProperty: "token"})
		return body
	}
	delete(pendingResults, req.Token)
	body.Res = &types.CancelRetrievePropertiesExResponse{}
	return body
}

func storePending(sessionKey string, objects []types.ObjectContent, pageSize int) string {
	pendingMu.Lock()
	defer pendingMu.Unlock()
	now := time.Now()
	for token, p := range pendingResults {
		if now.Sub(p.touched) > pendingTokenLifetime {
			delete(pendingResults, token)
		}
	}
	pendingCounter++
	token := fmt.Sprintf("vcsim-retrieve-%d", pendingCounter)
	pendingResults[token] = &pendingResult{sessionKey: sessionKey, objects: objects, pageSize: pageSize, touched: now}
	return token
}

func pendingTokenCount() int {
	pendingMu.Lock()
	defer pendingMu.Unlock()
	return len(pendingResults)
}
