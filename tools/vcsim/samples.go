package main

import (
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// samples are raw values of a few objects, read from the simulator's object model, printed in the ready line so
// that client tests can compare what they fetched with what the simulator holds.
type samples struct {
	Vm               *vmSample               `json:"vm,omitempty"`
	Host             *hostSample             `json:"host,omitempty"`
	Cluster          *clusterSample          `json:"cluster,omitempty"`
	Datastore        *datastoreSample        `json:"datastore,omitempty"`
	DatastoreCluster *datastoreClusterSample `json:"datastoreCluster,omitempty"`
	Portgroup        *portgroupSample        `json:"distributedPortgroup,omitempty"`
	Alarm            *alarmSample            `json:"alarm,omitempty"`
}

type vmSample struct {
	Moref              string   `json:"moref"`
	Name               string   `json:"name"`
	Host               string   `json:"host"`
	Cluster            string   `json:"cluster,omitempty"`
	PowerState         string   `json:"powerState"`
	IpAddress          string   `json:"ipAddress,omitempty"`
	NumCpu             int32    `json:"numCpu"`
	MemoryMb           int32    `json:"memoryMb"`
	CpuUsageMhz        int32    `json:"cpuUsageMhz"`
	GuestMemoryUsageMb int32    `json:"guestMemoryUsageMb"`
	CommittedBytes     int64    `json:"committedBytes"`
	UncommittedBytes   int64    `json:"uncommittedBytes"`
	Datastores         []string `json:"datastores"`
	Networks           []string `json:"networks"`
	SnapshotCount      int      `json:"snapshotCount"`
	OldestSnapshotTime string   `json:"oldestSnapshotTime,omitempty"`
	Uuid               string   `json:"uuid"`
}

type hostSample struct {
	Moref                string `json:"moref"`
	Name                 string `json:"name"`
	Cluster              string `json:"cluster,omitempty"`
	CpuCores             int16  `json:"cpuCores"`
	CpuMhz               int32  `json:"cpuMhz"`
	MemoryBytes          int64  `json:"memoryBytes"`
	OverallCpuUsageMhz   int32  `json:"overallCpuUsageMhz"`
	OverallMemoryUsageMb int32  `json:"overallMemoryUsageMb"`
	BootTime             string `json:"bootTime"`
}

type clusterSample struct {
	Moref                  string `json:"moref"`
	Name                   string `json:"name"`
	HostCount              int    `json:"hostCount"`
	TotalCpuMhz            int32  `json:"totalCpuMhz"`
	TotalMemoryBytes       int64  `json:"totalMemoryBytes"`
	HostsCpuUsageMhz       int64  `json:"hostsCpuUsageMhz"`
	HostsMemoryUsageMb     int64  `json:"hostsMemoryUsageMb"`
	HaEnabled              bool   `json:"haEnabled"`
	DrsEnabled             bool   `json:"drsEnabled"`
	DatastoreCapacityBytes int64  `json:"datastoreCapacityBytes"`
	DatastoreFreeBytes     int64  `json:"datastoreFreeBytes"`
}

type datastoreSample struct {
	Moref            string `json:"moref"`
	Name             string `json:"name"`
	Type             string `json:"type"`
	DatastoreCluster string `json:"datastoreCluster,omitempty"`
	CapacityBytes    int64  `json:"capacityBytes"`
	FreeBytes        int64  `json:"freeBytes"`
	HostCount        int    `json:"hostCount"`
}

type datastoreClusterSample struct {
	Moref         string   `json:"moref"`
	Name          string   `json:"name"`
	CapacityBytes int64    `json:"capacityBytes"`
	FreeBytes     int64    `json:"freeBytes"`
	Datastores    []string `json:"datastores"`
}

type portgroupSample struct {
	Moref     string `json:"moref"`
	Name      string `json:"name"`
	Switch    string `json:"switch"`
	VlanId    int32  `json:"vlanId"`
	HostCount int    `json:"hostCount"`
	VmCount   int    `json:"vmCount"`
}

type alarmSample struct {
	Key          string `json:"key"`
	AlarmName    string `json:"alarmName"`
	EntityName   string `json:"entityName"`
	EntityType   string `json:"entityType"`
	Severity     string `json:"severity"`
	Acknowledged bool   `json:"acknowledged"`
	Time         string `json:"time"`
}

func entityName(ref types.ManagedObjectReference) string {
	if e, ok := simulator.Map.Get(ref).(mo.Entity); ok {
		return e.Entity().Name
	}
	return ""
}

func names(refs []types.ManagedObjectReference) []string {
	out := []string{}
	for _, r := range sortedByName(refs) {
		out = append(out, entityName(r))
	}
	return out
}

func (b *builder) collectSamples() samples {
	var s samples
	var vm *simulator.VirtualMachine
	for _, candidate := range b.allVms() {
		if vm == nil {
			vm = candidate
		}
		if candidate.Snapshot != nil {
			vm = candidate
			break
		}
	}
	if vm != nil {
		s.Vm = sampleVm(vm)
	}

	d := b.inv.datacenters[0]
	if len(d.hosts) > 0 {
		h := d.hosts[0]
		hs := &hostSample{
			Moref: h.Self.Value, Name: h.Name,
			CpuCores: h.Summary.Hardware.NumCpuCores, CpuMhz: h.Summary.Hardware.CpuMhz,
			MemoryBytes:          h.Summary.Hardware.MemorySize,
			OverallCpuUsageMhz:   h.Summary.QuickStats.OverallCpuUsage,
			OverallMemoryUsageMb: h.Summary.QuickStats.OverallMemoryUsage,
			BootTime:             h.Runtime.BootTime.UTC().Format(time.RFC3339),
		}
		if _, ok := simulator.Map.Get(*h.Parent).(*simulator.ClusterComputeResource); ok {
			hs.Cluster = entityName(*h.Parent)
		}
		s.Host = hs
	}
	if len(d.clusters) > 0 {
		c := d.clusters[0]
		summary := c.Summary.(*types.ClusterComputeResourceSummary)
		config := c.ConfigurationEx.(*types.ClusterConfigInfoEx)
		cs := &clusterSample{
			Moref: c.Self.Value, Name: c.Name, HostCount: len(c.Host),
			TotalCpuMhz: summary.TotalCpu, TotalMemoryBytes: summary.TotalMemory,
			HaEnabled:  config.DasConfig.Enabled != nil && *config.DasConfig.Enabled,
			DrsEnabled: config.DrsConfig.Enabled != nil && *config.DrsConfig.Enabled,
		}
		for _, ref := range c.Host {
			h := simulator.Map.Get(ref).(*simulator.HostSystem)
			cs.HostsCpuUsageMhz += int64(h.Summary.QuickStats.OverallCpuUsage)
			cs.HostsMemoryUsageMb += int64(h.Summary.QuickStats.OverallMemoryUsage)
		}
		for _, ref := range c.Datastore {
			ds := simulator.Map.Get(ref).(*simulator.Datastore)
			cs.DatastoreCapacityBytes += ds.Summary.Capacity
			cs.DatastoreFreeBytes += ds.Summary.FreeSpace
		}
		s.Cluster = cs
	}
	ds := d.datastores[0]
	dss := &datastoreSample{
		Moref: ds.Self.Value, Name: ds.Name, Type: ds.Summary.Type,
		CapacityBytes: ds.Summary.Capacity, FreeBytes: ds.Summary.FreeSpace, HostCount: len(ds.Host),
	}
	if pod, ok := simulator.Map.Get(*ds.Parent).(*simulator.StoragePod); ok {
		dss.DatastoreCluster = pod.Name
	}
	s.Datastore = dss
	if len(d.pods) > 0 {
		p := d.pods[0]
		s.DatastoreCluster = &datastoreClusterSample{
			Moref: p.Self.Value, Name: p.Name, CapacityBytes: p.Summary.Capacity, FreeBytes: p.Summary.FreeSpace,
			Datastores: names(p.ChildEntity),
		}
	}
	if len(d.portgroups) > 0 {
		pg := d.portgroups[0]
		ps := &portgroupSample{
			Moref: pg.Self.Value, Name: pg.Name, Switch: d.dvs.Name,
			HostCount: len(pg.Host), VmCount: len(pg.Vm),
		}
		if setting, ok := pg.Config.DefaultPortConfig.(*types.VMwareDVSPortSetting); ok {
			if vlan, ok := setting.Vlan.(*types.VmwareDistributedVirtualSwitchVlanIdSpec); ok {
				ps.VlanId = vlan.VlanId
			}
		}
		s.Portgroup = ps
	}
	if len(b.inv.alarms.states) > 0 {
		st := b.inv.alarms.states[0]
		as := &alarmSample{
			Key: st.Key, EntityName: entityName(st.Entity), EntityType: st.Entity.Type,
			Severity: string(st.OverallStatus), Acknowledged: *st.Acknowledged,
			Time: st.Time.UTC().Format(time.RFC3339),
		}
		for _, def := range b.inv.alarms.definitions {
			if def.Self == st.Alarm {
				as.AlarmName = def.Info.Name
			}
		}
		s.Alarm = as
	}
	return s
}

func sampleVm(vm *simulator.VirtualMachine) *vmSample {
	vs := &vmSample{
		Moref: vm.Self.Value, Name: vm.Name,
		Host:               entityName(*vm.Runtime.Host),
		PowerState:         string(vm.Runtime.PowerState),
		IpAddress:          vm.Guest.IpAddress,
		NumCpu:             vm.Config.Hardware.NumCPU,
		MemoryMb:           vm.Config.Hardware.MemoryMB,
		CpuUsageMhz:        vm.Summary.QuickStats.OverallCpuUsage,
		GuestMemoryUsageMb: vm.Summary.QuickStats.GuestMemoryUsage,
		CommittedBytes:     vm.Summary.Storage.Committed,
		UncommittedBytes:   vm.Summary.Storage.Uncommitted,
		Datastores:         names(vm.Datastore),
		Networks:           names(vm.Network),
		Uuid:               vm.Config.Uuid,
	}
	host := simulator.Map.Get(*vm.Runtime.Host).(*simulator.HostSystem)
	if _, ok := simulator.Map.Get(*host.Parent).(*simulator.ClusterComputeResource); ok {
		vs.Cluster = entityName(*host.Parent)
	}
	if vm.Snapshot != nil {
		vs.SnapshotCount = countSnapshots(vm.Snapshot.RootSnapshotList)
		if len(vm.Snapshot.RootSnapshotList) > 0 {
			vs.OldestSnapshotTime = vm.Snapshot.RootSnapshotList[0].CreateTime.UTC().Format(time.RFC3339)
		}
	}
	return vs
}
