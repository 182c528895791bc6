// Command vcsim starts VMware's vCenter simulator (govmomi/simulator) with an inventory shaped by flags, for the
// tests and benchmarks of the vSphere inventory client.
//
// On top of the stock simulator it:
//   - creates a fixed number of VMs on every host (the stock model places VMs per cluster, on random hosts);
//   - builds datastore clusters that hold datastores, standard portgroups and a distributed switch whose
//     portgroups carry VLAN ids;
//   - creates snapshots through the API and triggered alarm states (red/yellow) on entities;
//   - names hosts by FQDN in a DNS domain (-host-domain), as a real vCenter lists them;
//   - sets the values vcsim leaves empty or random (VM quickStats, guest IPs, storage committed/uncommitted,
//     host quickStats and hardware, cluster totals, datastore capacity/free space) to deterministic values;
//   - pages PropertyCollector results like a real vCenter: RetrievePropertiesEx honours options.maxObjects and
//     returns a token, served by ContinueRetrievePropertiesEx and dropped by CancelRetrievePropertiesEx;
//   - lists datastores that sit in datastore clusters in recursive container views, as vCenter does;
//   - offers /_test endpoints to terminate every session (now or after N more retrieve calls) and to read
//     server-side call counters.
//
// When ready it prints one line of JSON on stdout (url, username, password, certificate, counts, samples) and
// serves until SIGINT/SIGTERM (or, with -exit-on-stdin-eof, until its stdin closes).
//
// Build (Debian golang-go + golang-github-vmware-govmomi-dev):
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o .tools/vcsim/vcsim ./tools/vcsim
package main

import (
	"crypto/tls"
	"encoding/json"
	"encoding/pem"
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"log"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"regexp"
	"syscall"
	"time"

	"github.com/vmware/govmomi/simulator"
)

// options are the command line flags.
type options struct {
	listen                string
	username              string
	password              string
	datacenters           int
	clustersPerDatacenter int
	hostsPerCluster       int
	vmsPerHost            int
	standaloneHosts       int
	datastores            int
	datastoreClusters     int
	datastoresPerCluster  int
	portgroups            int
	distributedPortgroups int
	snapshots             int
	alarms                int
	hostDomain            string
	defaultPageSize       int
	sessionIdleTimeout    time.Duration
	exitOnStdinEOF        bool
	trace                 bool
}

func parseFlags() options {
	var o options
	flag.StringVar(&o.listen, "listen", "127.0.0.1:0", "address to listen on (port 0 picks a free port)")
	flag.StringVar(&o.username, "username", "vcsim-user", "the only user name Login accepts")
	flag.StringVar(&o.password, "password", "vcsim-pass", "the only password Login accepts")
	flag.IntVar(&o.datacenters, "dc", 1, "datacenters")
	flag.IntVar(&o.clustersPerDatacenter, "clusters", 1, "clusters per datacenter")
	flag.IntVar(&o.hostsPerCluster, "hosts", 3, "hosts per cluster")
	flag.IntVar(&o.vmsPerHost, "vms", 2, "VMs per host (cluster hosts and standalone hosts)")
	flag.IntVar(&o.standaloneHosts, "standalone-hosts", 0, "standalone hosts per datacenter")
	flag.IntVar(&o.datastores, "datastores", 2, "datastores per datacenter, mounted on every host of the datacenter")
	flag.IntVar(&o.datastoreClusters, "datastore-clusters", 1, "datastore clusters (StoragePod) per datacenter")
	flag.IntVar(&o.datastoresPerCluster, "datastores-per-cluster", 2, "datastores moved into each datastore cluster")
	flag.IntVar(&o.portgroups, "portgroups", 1, "standard portgroups per datacenter, besides \"VM Network\"")
	flag.IntVar(&o.distributedPortgroups, "dvpgs", 2, "distributed portgroups per datacenter (on one distributed switch per datacenter; 0: no switch)")
	flag.IntVar(&o.snapshots, "snapshots", 0, "snapshots in all, created through the API two per VM (a base and its child)")
	flag.IntVar(&o.alarms, "alarms", 0, "triggered alarm states in all, alternating red and yellow over hosts, VMs, datastores and clusters")
	flag.StringVar(&o.hostDomain, "host-domain", "", "name every host by FQDN in this DNS domain, e.g. DC0_C0_H1 becomes dc0-c0-h1.<domain> (default: vcsim's names)")
	flag.IntVar(&o.defaultPageSize, "default-page-size", 0, "objects per RetrievePropertiesEx page when the client sets no maxObjects (0: all)")
	flag.DurationVar(&o.sessionIdleTimeout, "session-idle-timeout", 0, "expire sessions idle for this long (0: never)")
	flag.BoolVar(&o.exitOnStdinEOF, "exit-on-stdin-eof", false, "exit when stdin closes (so a crashed parent does not leave the simulator running)")
	flag.BoolVar(&o.trace, "trace", false, "write SOAP traffic to stderr")
	flag.Parse()
	return o
}

func (o options) validate() error {
	switch {
	case o.datacenters < 1:
		return fmt.Errorf("-dc must be at least 1")
	case o.clustersPerDatacenter < 0 || o.hostsPerCluster < 0 || o.vmsPerHost < 0 || o.standaloneHosts < 0:
		return fmt.Errorf("-clusters, -hosts, -vms and -standalone-hosts must not be negative")
	case o.clustersPerDatacenter*o.hostsPerCluster+o.standaloneHosts < 1:
		return fmt.Errorf("every datacenter needs at least one host (-clusters × -hosts + -standalone-hosts)")
	case o.datastores < 1:
		return fmt.Errorf("-datastores must be at least 1")
	case o.datastoreClusters < 0 || o.datastoresPerCluster < 0:
		return fmt.Errorf("-datastore-clusters and -datastores-per-cluster must not be negative")
	case o.datastoreClusters*o.datastoresPerCluster > o.datastores:
		return fmt.Errorf("-datastore-clusters × -datastores-per-cluster (%d) exceeds -datastores (%d)",
			o.datastoreClusters*o.datastoresPerCluster, o.datastores)
	case o.portgroups < 0 || o.distributedPortgroups < 0 || o.snapshots < 0 || o.alarms < 0:
		return fmt.Errorf("-portgroups, -dvpgs, -snapshots and -alarms must not be negative")
	case o.hostDomain != "" && !dnsDomain.MatchString(o.hostDomain):
		return fmt.Errorf("-host-domain %q is not a DNS domain such as vcf01.example.test", o.hostDomain)
	case o.username == "" || o.password == "":
		return fmt.Errorf("-username and -password must not be empty")
	}
	return nil
}

// dnsDomain matches a DNS domain of lower-case labels, e.g. vcf01.example.test.
var dnsDomain = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$`)

// readyMessage is the line printed on stdout once the simulator serves.
type readyMessage struct {
	URL            string          `json:"url"`
	Username       string          `json:"username"`
	Password       string          `json:"password"`
	CertificatePem string          `json:"certificatePem"`
	Pid            int             `json:"pid"`
	Counts         inventoryCounts `json:"counts"`
	Samples        samples         `json:"samples"`
	HostNames      []string        `json:"hostNames"`
	BuildMs        int64           `json:"buildMs"`
}

func main() {
	log.SetFlags(0)
	log.SetPrefix("vcsim: ")
	opts := parseFlags()
	if err := opts.validate(); err != nil {
		log.Fatal(err)
	}
	if err := run(opts); err != nil {
		log.Fatal(err)
	}
}

func run(opts options) error {
	started := time.Now()
	simulator.Trace = opts.trace
	simulator.SessionIdleTimeout = opts.sessionIdleTimeout

	model := simulator.VPX()
	model.Datacenter = opts.datacenters
	model.Cluster = opts.clustersPerDatacenter
	model.ClusterHost = opts.hostsPerCluster
	model.Host = opts.standaloneHosts
	model.Datastore = opts.datastores
	model.Machine = 0 // VMs are created per host by the inventory builder
	model.Portgroup = 0
	model.Pod = 0
	model.Autostart = false

	if err := model.Create(); err != nil {
		return fmt.Errorf("creating the base model: %w", err)
	}
	defer model.Remove()

	inv, err := buildInventory(model, opts)
	if err != nil {
		return err
	}

	installPagingPropertyCollector(opts.defaultPageSize)
	installPodAwareViewManager()
	installAlarmManager(inv.alarms)

	certificate, err := serverCertificate()
	if err != nil {
		return err
	}
	model.Service.TLS = &tls.Config{Certificates: []tls.Certificate{certificate}}
	model.Service.ServeMux = http.NewServeMux()
	registerTestEndpoints(model.Service.ServeMux)
	model.Service.Listen = &url.URL{Host: opts.listen, User: url.UserPassword(opts.username, opts.password)}

	server := model.Service.NewServer()
	defer server.Close()

	sdkURL := *server.URL
	sdkURL.User = nil
	msg := readyMessage{
		URL:            sdkURL.String(),
		Username:       opts.username,
		Password:       opts.password,
		CertificatePem: string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: server.Certificate().Raw})),
		Pid:            os.Getpid(),
		Counts:         inv.counts,
		Samples:        inv.samples,
		HostNames:      inv.hostNames,
		BuildMs:        time.Since(started).Milliseconds(),
	}
	line, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	fmt.Println(string(line))

	waitForShutdown(opts.exitOnStdinEOF)
	return nil
}

// waitForShutdown blocks until SIGINT/SIGTERM, or until stdin closes when asked to watch it.
func waitForShutdown(watchStdin bool) {
	done := make(chan struct{}, 1)
	signals := make(chan os.Signal, 1)
	signal.Notify(signals, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		<-signals
		done <- struct{}{}
	}()
	if watchStdin {
		go func() {
			_, _ = io.Copy(ioutil.Discard, os.Stdin)
			done <- struct{}{}
		}()
	}
	<-done
}
