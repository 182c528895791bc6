package main

import (
	"encoding/json"
	"net/http"
	"strconv"
	"sync/atomic"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/vpx"
	"github.com/vmware/govmomi/vim25/types"
)

// Test endpoints. They need no authentication: the launcher is a test tool and listens on 127.0.0.1 only.
//
//	POST /_test/terminate-sessions                       terminate every session now
//	POST /_test/terminate-sessions?afterRetrieveCalls=N  terminate every session right after the N-th next
//	                                                     RetrievePropertiesEx/ContinueRetrievePropertiesEx call
//	                                                     (that call is still answered), e.g. mid-way through paging
//	GET  /_test/stats                                    server-side counters (calls, sessions, pending tokens)
func registerTestEndpoints(mux *http.ServeMux) {
	mux.HandleFunc("/_test/terminate-sessions", func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			w.WriteHeader(http.StatusMethodNotAllowed)
			return
		}
		if v := r.URL.Query().Get("afterRetrieveCalls"); v != "" {
			n, err := strconv.Atoi(v)
			if err != nil || n < 1 {
				http.Error(w, "afterRetrieveCalls must be a positive integer", http.StatusBadRequest)
				return
			}
			atomic.StoreInt64(&terminateCountdown, int64(n))
			writeJSON(w, map[string]int{"armedAfterRetrieveCalls": n})
			return
		}
		writeJSON(w, map[string]int{"terminated": terminateAllSessions()})
	})
	mux.HandleFunc("/_test/stats", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]int64{
			"retrievePropertiesEx":         atomic.LoadInt64(&retrieveCalls),
			"continueRetrievePropertiesEx": atomic.LoadInt64(&continueCalls),
			"cancelRetrievePropertiesEx":   atomic.LoadInt64(&cancelCalls),
			"sessions":                     int64(len(sessionKeys())),
			"pendingTokens":                int64(pendingTokenCount()),
			"terminatedSessions":           atomic.LoadInt64(&terminatedSessions),
			"createContainerView":          atomic.LoadInt64(&createdViews),
			"destroyView":                  atomic.LoadInt64(&destroyedViews),
		})
	})
}

var (
	terminateCountdown int64
	terminatedSessions int64
)

// afterRetrieveCall runs after every retrieve call and fires an armed session termination.
func afterRetrieveCall() {
	if atomic.LoadInt64(&terminateCountdown) > 0 && atomic.AddInt64(&terminateCountdown, -1) == 0 {
		terminateAllSessions()
	}
}

// sessionKeys lists the live sessions. A session "view" of the SessionManager singleton carries the session list.
func sessionKeys() []string {
	probe := &simulator.Session{Registry: simulator.NewRegistry()}
	sm, ok := probe.Get(*vpx.ServiceContent.SessionManager).(*simulator.SessionManager)
	if !ok {
		return nil
	}
	keys := make([]string, 0, len(sm.SessionList))
	for _, s := range sm.SessionList {
		keys = append(keys, s.Key)
	}
	return keys
}

// terminateAllSessions ends every session through SessionManager.TerminateSession, as an administrator would.
func terminateAllSessions() int {
	keys := sessionKeys()
	if len(keys) == 0 {
		return 0
	}
	caller := &simulator.Context{Session: &simulator.Session{UserSession: types.UserSession{Key: "vcsim-launcher"}}}
	simulator.Map.SessionManager().TerminateSession(caller, &types.TerminateSession{SessionId: keys})
	atomic.AddInt64(&terminatedSessions, int64(len(keys)))
	return len(keys)
}

func writeJSON(w http.ResponseWriter, v interface{}) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
