// Command govmomi-inventory reads the inventory depth fields of a vCenter (or vcsim) with govmomi's own
// property collector and typed managed objects, and prints them as one JSON document keyed by moref. The
// inventory client's integration tests compare what the TypeScript client read with this independent reading.
//
// Build (Debian golang-go + golang-github-vmware-govmomi-dev):
//
//	GOPATH=/usr/share/gocode GO111MODULE=off go build -o .tools/govmomi-inventory ./tools/govmomi-inventory
//
// The password comes from the GOVMOMI_PASSWORD environment variable, so that it does not show in the process list.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"log"
	"net/url"
	"os"
	"strings"

	"github.com/vmware/govmomi/session"
	"github.com/vmware/govmomi/view"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

type disk struct {
	Label         string `json:"label"`
	CapacityBytes int64  `json:"capacityBytes"`
	Datastore     string `json:"datastore"`
	Thin          bool   `json:"thin"`
	File          string `json:"file"`
}

type nic struct {
	Label      string `json:"label"`
	MacAddress string `json:"macAddress"`
	Connected  bool   `json:"connected"`
	Network    string `json:"network"`
}

type vmFields struct {
	HardwareVersion    string `json:"hardwareVersion"`
	ToolsStatus        string `json:"toolsStatus"`
	ToolsVersion       string `json:"toolsVersion"`
	ToolsRunningStatus string `json:"toolsRunningStatus"`
	DNSName            string `json:"dnsName"`
	GuestOsReported    string `json:"guestOsReported"`
	Annotation         string `json:"annotation"`
	CbtEnabled         bool   `json:"cbtEnabled"`
	InstanceUUID       string `json:"instanceUuid"`
	UnsharedBytes      int64  `json:"unsharedBytes"`
	UptimeSeconds      int32  `json:"uptimeSeconds"`
	ResourcePool       string `json:"resourcePool"`
	Disks              []disk `json:"disks"`
	Nics               []nic  `json:"nics"`
}

type pnic struct {
	Device     string `json:"device"`
	Driver     string `json:"driver"`
	MacAddress string `json:"macAddress"`
	SpeedMb    int32  `json:"speedMb"`
	// SwitchName is the standard switch or distributed switch (its host proxy) the NIC is an uplink of.
	SwitchName string `json:"switchName"`
}

type vmkernel struct {
	Device    string   `json:"device"`
	IPAddress string   `json:"ipAddress"`
	Portgroup string   `json:"portgroup"`
	Services  []string `json:"services"`
}

type hostFields struct {
	SerialNumber string     `json:"serialNumber"`
	BiosVersion  string     `json:"biosVersion"`
	CPUModel     string     `json:"cpuModel"`
	CPUSockets   int16      `json:"cpuSockets"`
	CPUThreads   int16      `json:"cpuThreads"`
	VMCount      int        `json:"vmCount"`
	NtpServers   []string   `json:"ntpServers"`
	Nics         []pnic     `json:"nics"`
	Vmkernel     []vmkernel `json:"vmkernelAdapters"`
}

type datastoreFields struct {
	URL             string `json:"url"`
	MaintenanceMode string `json:"maintenanceMode"`
	VMCount         int    `json:"vmCount"`
}

type clusterFields struct {
	EvcMode                   string `json:"evcMode"`
	DrsAutomationLevel        string `json:"drsAutomationLevel"`
	HaAdmissionControlEnabled bool   `json:"haAdmissionControlEnabled"`
}

type output struct {
	// Containers is how many folders, datacenters and resource pools a recursive container view holds.
	Containers int                        `json:"containers"`
	Vms        map[string]vmFields        `json:"vms"`
	Hosts      map[string]hostFields      `json:"hosts"`
	Datastores map[string]datastoreFields `json:"datastores"`
	Clusters   map[string]clusterFields   `json:"clusters"`
}

func main() {
	log.SetFlags(0)
	rawURL := flag.String("url", "", "SOAP endpoint, e.g. https://127.0.0.1:8989/sdk")
	username := flag.String("username", "", "user name")
	caFile := flag.String("ca", "", "PEM file of the server's CA (default: do not verify)")
	flag.Parse()
	u, err := url.Parse(*rawURL)
	if err != nil || *rawURL == "" {
		log.Fatalf("-url: %v", err)
	}
	ctx := context.Background()
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
	manager := session.NewManager(c)
	if err := manager.Login(ctx, url.UserPassword(*username, os.Getenv("GOVMOMI_PASSWORD"))); err != nil {
		log.Fatal(err)
	}
	defer func() { _ = manager.Logout(ctx) }()

	names := map[string]string{}
	var entities []mo.ManagedEntity
	retrieve(ctx, c, []string{"ManagedEntity"}, []string{"name"}, &entities)
	for _, e := range entities {
		names[e.Self.Value] = e.Name
	}
	var containers []mo.ManagedEntity
	retrieve(ctx, c, []string{"Folder", "Datacenter", "ResourcePool"}, []string{"name"}, &containers)
	// A distributed port backing names its portgroup by key.
	portgroups := map[string]string{}
	var dvpgs []mo.DistributedVirtualPortgroup
	retrieve(ctx, c, []string{"DistributedVirtualPortgroup"}, []string{"name", "key"}, &dvpgs)
	for _, pg := range dvpgs {
		portgroups[pg.Key] = pg.Name
	}
	out := output{
		Containers: len(containers),
		Vms:        map[string]vmFields{},
		Hosts:      map[string]hostFields{},
		Datastores: map[string]datastoreFields{},
		Clusters:   map[string]clusterFields{},
	}

	var vms []mo.VirtualMachine
	retrieve(ctx, c, []string{"VirtualMachine"}, []string{"config", "guest", "summary", "resourcePool"}, &vms)
	for _, vm := range vms {
		f := vmFields{Disks: []disk{}, Nics: []nic{}}
		if vm.Config != nil {
			f.HardwareVersion = vm.Config.Version
			f.Annotation = vm.Config.Annotation
			f.InstanceUUID = vm.Config.InstanceUuid
			f.CbtEnabled = vm.Config.ChangeTrackingEnabled != nil && *vm.Config.ChangeTrackingEnabled
			for _, device := range vm.Config.Hardware.Device {
				info := device.GetVirtualDevice().DeviceInfo.GetDescription()
				switch d := device.(type) {
				case *types.VirtualDisk:
					entry := disk{Label: info.Label, CapacityBytes: d.CapacityInBytes}
					if entry.CapacityBytes == 0 {
						entry.CapacityBytes = d.CapacityInKB * 1024
					}
					if b, ok := d.Backing.(*types.VirtualDiskFlatVer2BackingInfo); ok {
						entry.File = b.FileName
						entry.Thin = b.ThinProvisioned != nil && *b.ThinProvisioned
						if b.Datastore != nil {
							entry.Datastore = names[b.Datastore.Value]
						}
					}
					f.Disks = append(f.Disks, entry)
				case types.BaseVirtualEthernetCard:
					card := d.GetVirtualEthernetCard()
					entry := nic{Label: info.Label, MacAddress: card.MacAddress}
					if card.Connectable != nil {
						entry.Connected = card.Connectable.Connected
					}
					switch b := card.Backing.(type) {
					case *types.VirtualEthernetCardNetworkBackingInfo:
						entry.Network = b.DeviceName
					case *types.VirtualEthernetCardDistributedVirtualPortBackingInfo:
						entry.Network = portgroups[b.Port.PortgroupKey]
					}
					f.Nics = append(f.Nics, entry)
				}
			}
		}
		if vm.Guest != nil {
			f.ToolsStatus = vm.Guest.ToolsVersionStatus2
			f.ToolsVersion = vm.Guest.ToolsVersion
			f.ToolsRunningStatus = vm.Guest.ToolsRunningStatus
			f.DNSName = vm.Guest.HostName
			f.GuestOsReported = vm.Guest.GuestFullName
		}
		if vm.Summary.Storage != nil {
			f.UnsharedBytes = vm.Summary.Storage.Unshared
		}
		f.UptimeSeconds = vm.Summary.QuickStats.UptimeSeconds
		if vm.ResourcePool != nil {
			f.ResourcePool = names[vm.ResourcePool.Value]
		}
		out.Vms[vm.Self.Value] = f
	}

	var hosts []mo.HostSystem
	retrieve(ctx, c, []string{"HostSystem"}, []string{"hardware", "summary", "vm", "config"}, &hosts)
	for _, h := range hosts {
		f := hostFields{NtpServers: []string{}, Nics: []pnic{}, Vmkernel: []vmkernel{}, VMCount: len(h.Vm)}
		if h.Hardware != nil {
			f.SerialNumber = h.Hardware.SystemInfo.SerialNumber
			if h.Hardware.BiosInfo != nil {
				f.BiosVersion = h.Hardware.BiosInfo.BiosVersion
			}
		}
		if hw := h.Summary.Hardware; hw != nil {
			f.CPUModel = hw.CpuModel
			f.CPUSockets = hw.NumCpuPkgs
			f.CPUThreads = hw.NumCpuThreads
		}
		if h.Config != nil {
			if h.Config.DateTimeInfo != nil && h.Config.DateTimeInfo.NtpConfig != nil {
				f.NtpServers = append(f.NtpServers, h.Config.DateTimeInfo.NtpConfig.Server...)
			}
			services := map[string][]string{}
			if info := h.Config.VirtualNicManagerInfo; info != nil {
				for _, nc := range info.NetConfig {
					for _, candidate := range nc.CandidateVnic {
						for _, key := range nc.SelectedVnic {
							if key == candidate.Key {
								services[candidate.Device] = append(services[candidate.Device], nc.NicType)
							}
						}
					}
				}
			}
			if network := h.Config.Network; network != nil {
				switchOf := map[string]string{}
				for _, v := range network.Vswitch {
					for _, key := range v.Pnic {
						switchOf[key] = v.Name
					}
				}
				for _, proxy := range network.ProxySwitch {
					for _, key := range proxy.Pnic {
						switchOf[key] = proxy.DvsName
					}
				}
				for _, p := range network.Pnic {
					entry := pnic{Device: p.Device, Driver: p.Driver, MacAddress: p.Mac, SwitchName: switchOf[p.Key]}
					if p.LinkSpeed != nil {
						entry.SpeedMb = p.LinkSpeed.SpeedMb
					}
					f.Nics = append(f.Nics, entry)
				}
				for _, v := range network.Vnic {
					entry := vmkernel{Device: v.Device, Portgroup: v.Portgroup, Services: services[v.Device]}
					if entry.Services == nil {
						entry.Services = []string{}
					}
					if v.Spec.Ip != nil {
						entry.IPAddress = v.Spec.Ip.IpAddress
					}
					f.Vmkernel = append(f.Vmkernel, entry)
				}
			}
		}
		out.Hosts[h.Self.Value] = f
	}

	var datastores []mo.Datastore
	retrieve(ctx, c, []string{"Datastore"}, []string{"summary", "vm"}, &datastores)
	for _, ds := range datastores {
		out.Datastores[ds.Self.Value] = datastoreFields{
			URL:             ds.Summary.Url,
			MaintenanceMode: ds.Summary.MaintenanceMode,
			VMCount:         len(ds.Vm),
		}
	}

	var clusters []mo.ClusterComputeResource
	retrieve(ctx, c, []string{"ClusterComputeResource"}, []string{"summary", "configurationEx"}, &clusters)
	for _, cl := range clusters {
		f := clusterFields{}
		if s, ok := cl.Summary.(*types.ClusterComputeResourceSummary); ok {
			f.EvcMode = s.CurrentEVCModeKey
		}
		if cfg, ok := cl.ConfigurationEx.(*types.ClusterConfigInfoEx); ok {
			f.DrsAutomationLevel = string(cfg.DrsConfig.DefaultVmBehavior)
			f.HaAdmissionControlEnabled = cfg.DasConfig.AdmissionControlEnabled != nil && *cfg.DasConfig.AdmissionControlEnabled
		}
		out.Clusters[cl.Self.Value] = f
	}

	encoded, err := json.Marshal(out)
	if err != nil {
		log.Fatal(err)
	}
	_, _ = os.Stdout.Write(encoded)
}

// retrieve reads properties of every object of the given types through one recursive container view.
func retrieve(ctx context.Context, c *vim25.Client, kinds []string, props []string, dst interface{}) {
	m := view.NewManager(c)
	v, err := m.CreateContainerView(ctx, c.ServiceContent.RootFolder, kinds, true)
	if err != nil {
		log.Fatal(err)
	}
	defer func() { _ = v.Destroy(ctx) }()
	if err := v.Retrieve(ctx, kinds, props, dst); err != nil {
		log.Fatalf("%s: %v", strings.Join(kinds, ","), err)
	}
}
