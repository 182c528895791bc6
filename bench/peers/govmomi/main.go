// Command govmomi-retrieve is the govmomi peer of the inventory benchmark: it performs the same PropertyCollector
// retrievals as the TypeScript client (one recursive ContainerView per retrieval, RetrievePropertiesEx with
// maxObjects, ContinueRetrievePropertiesEx until no token, DestroyView), decoding every page into govmomi's typed
// ObjectContent, and prints its timings as one JSON line.
//
// Build (Debian golang-go + golang-github-vmware-govmomi-dev):
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o .tools/bench/govmomi-retrieve ./bench/peers/govmomi
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/ioutil"
	"log"
	"net/url"
	"os"
	"time"

	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// retrievalSpec is one retrieval of the spec file written by bench/inventory.
type retrievalSpec struct {
	Name      string   `json:"name"`
	ViewTypes []string `json:"viewTypes"`
	PropSet   []struct {
		Type    string   `json:"type"`
		PathSet []string `json:"pathSet"`
	} `json:"propSet"`
}

type specFile struct {
	PageSize   int             `json:"pageSize"`
	Retrievals []retrievalSpec `json:"retrievals"`
}

type iteration struct {
	Ms         float64        `json:"ms"`
	Objects    int            `json:"objects"`
	RoundTrips int            `json:"roundTrips"`
	ByName     map[string]int `json:"byName"`
}

func main() {
	log.SetFlags(0)
	rawURL := flag.String("url", "", "SOAP endpoint, e.g. https://127.0.0.1:8989/sdk")
	username := flag.String("username", "", "user name")
	caFile := flag.String("ca", "", "PEM file of the server's CA (default: do not verify)")
	specPath := flag.String("spec", "", "JSON file with pageSize and retrievals")
	iterations := flag.Int("iterations", 1, "times to run the retrievals")
	flag.Parse()
	// The password comes from the environment so that it does not show in the process list.
	password := os.Getenv("PEER_PASSWORD")

	var spec specFile
	data, err := ioutil.ReadFile(*specPath)
	if err != nil {
		log.Fatal(err)
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		log.Fatal(err)
	}

	ctx := context.Background()
	u, err := url.Parse(*rawURL)
	if err != nil {
		log.Fatal(err)
	}
	sc := soap.NewClient(u, *caFile == "")
	if *caFile != "" {
		if err := sc.SetRootCAs(*caFile); err != nil {
			log.Fatal(err)
		}
	}
	c, err := vim25.NewClient(ctx, sc)
	if err != nil {
		log.Fatal(err)
	}
	sm := session.NewManager(c)
	if err := sm.Login(ctx, url.UserPassword(*username, password)); err != nil {
		log.Fatal(err)
	}
	defer func() { _ = sm.Logout(ctx) }()

	var results []iteration
	for i := 0; i < *iterations; i++ {
		it, err := retrieveAll(ctx, c, spec)
		if err != nil {
			log.Fatal(err)
		}
		results = append(results, it)
	}
	out, _ := json.Marshal(map[string]interface{}{"tool": "govmomi", "iterations": results})
	fmt.Println(string(out))
}

func retrieveAll(ctx context.Context, c *vim25.Client, spec specFile) (iteration, error) {
	it := iteration{ByName: map[string]int{}}
	started := time.Now()
	vm := view.NewManager(c)
	pc := c.ServiceContent.PropertyCollector
	for _, r := range spec.Retrievals {
		v, err := vm.CreateContainerView(ctx, c.ServiceContent.RootFolder, r.ViewTypes, true)
		if err != nil {
			return it, err
		}
		var propSet []types.PropertySpec
		for _, p := range r.PropSet {
			propSet = append(propSet, types.PropertySpec{Type: p.Type, PathSet: p.PathSet})
		}
		req := types.RetrievePropertiesEx{
			This: pc,
			SpecSet: []types.PropertyFilterSpec{{
				PropSet: propSet,
				ObjectSet: []types.ObjectSpec{{
					Obj:  v.Reference(),
					Skip: types.NewBool(true),
					SelectSet: []types.BaseSelectionSpec{&types.TraversalSpec{
						SelectionSpec: types.SelectionSpec{Name: "traverseView"},
						Type:          "ContainerView",
						Path:          "view",
						Skip:          types.NewBool(false),
					}},
				}},
			}},
			Options: types.RetrieveOptions{MaxObjects: int32(spec.PageSize)},
		}
		res, err := methods.RetrievePropertiesEx(ctx, c, &req)
		if err != nil {
			return it, err
		}
		it.RoundTrips++
		token := ""
		if res.Returnval != nil {
			it.ByName[r.Name] += len(res.Returnval.Objects)
			token = res.Returnval.Token
		}
		for token != "" {
			next, err := methods.ContinueRetrievePropertiesEx(ctx, c, &types.ContinueRetrievePropertiesEx{This: pc, Token: token})
			if err != nil {
				return it, err
			}
			it.RoundTrips++
			it.ByName[r.Name] += len(next.Returnval.Objects)
			token = next.Returnval.Token
		}
		if err := v.Destroy(ctx); err != nil {
			return it, err
		}
	}
	for _, n := range it.ByName {
		it.Objects += n
	}
	it.Ms = float64(time.Since(started).Microseconds()) / 1000
	return it, nil
}
