package main

import (
	"fmt"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

const gib = int64(1) << 30
const tib = int64(1) << 40

// applyMetrics sets, through the object model, the values vcsim leaves empty or makes up, to deterministic
// values derived from each object's index. The formulas are documented in tools/vcsim/README.md.
func (b *builder) applyMetrics() {
	g, h, c := 0, 0, 0
	for _, d := range b.inv.datacenters {
		for n, vm := range d.vms {
			b.applyVmMetrics(d, vm, n, g)
			applyVmDepth(vm, g)
			g++
		}
		for _, host := range d.hosts {
			b.applyHostMetrics(host, h)
			applyHostDepth(host, h, d.standardPgs)
			h++
		}
		for _, cluster := range d.clusters {
			applyClusterSummary(cluster, c)
			applyClusterDepth(cluster, c)
			c++
		}
		for k, ds := range d.datastores {
			applyDatastoreSummary(ds, k)
		}
		for _, pod := range d.pods {
			applyStoragePodSummary(pod)
		}
	}
}

// applyVmMetrics: every 50th VM of a datacenter that is powered off becomes a template; powered-on VMs get
// guest IPs and quickStats, every VM gets storage figures, and the networks list the VMs attached to them.
func (b *builder) applyVmMetrics(d *datacenterInventory, vm *simulator.VirtualMachine, n, g int) {
	poweredOn := vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn
	if n%50 == 49 && !poweredOn {
		vm.Config.Template = true
		vm.Summary.Config.Template = true
	}

	var cpu, mem int32
	if poweredOn {
		numCPU := int(vm.Config.Hardware.NumCPU)
		memoryMB := int(vm.Config.Hardware.MemoryMB)
		cpu = int32(50 + (g*37)%(numCPU*2000))
		mem = int32(64 + (g*53)%(memoryMB-64))
		ip := fmt.Sprintf("10.%d.%d.%d", d.index, n/250, n%250+1)
		vm.Guest.IpAddress = ip
		vm.Guest.HostName = vm.Name
		vm.Guest.GuestState = "running"
		vm.Guest.ToolsRunningStatus = string(types.VirtualMachineToolsRunningStatusGuestToolsRunning)
		if vm.Summary.Guest == nil {
			vm.Summary.Guest = &types.VirtualMachineGuestSummary{}
		}
		vm.Summary.Guest.IpAddress = ip
		vm.Summary.Guest.HostName = vm.Name
		if len(vm.Guest.Net) > 0 {
			vm.Guest.Net[0].IpAddress = []string{ip, fmt.Sprintf("fd00::%d:%x", d.index, n+1)}
		}
	}
	vm.Summary.QuickStats.OverallCpuUsage = cpu
	vm.Summary.QuickStats.GuestMemoryUsage = mem
	vm.Summary.QuickStats.HostMemoryUsage = mem

	committed := int64(g%20+1) * gib
	vm.Summary.Storage = &types.VirtualMachineStorageSummary{
		Committed:   committed,
		Uncommitted: int64(g%5) * gib,
		Unshared:    committed,
		Timestamp:   b.inv.launchedAt,
	}

	for _, ref := range vm.Network {
		switch net := simulator.Map.Get(ref).(type) {
		case *simulator.DistributedVirtualPortgroup:
			net.Vm = appendUnique(net.Vm, vm.Self)
		case *mo.Network:
			net.Vm = appendUnique(net.Vm, vm.Self)
		}
	}
}

// hostHardware returns the hardware of the h-th host: 16/24/32 cores at 2400/2600/2800 MHz, 256/384/512 GiB.
func hostHardware(h int) (cores int16, mhz int32, memory int64) {
	return int16(16 + 8*(h%3)), int32(2400 + 200*(h%3)), int64(256+128*(h%3)) * gib
}

// applyHostMetrics: CPU usage is 10 + (7h mod 80) % of cores × MHz, memory usage 20 + (11h mod 70) % of the
// memory; the h-th host booted h+1 days before launch; every 25th host is in maintenance mode.
func (b *builder) applyHostMetrics(host *simulator.HostSystem, h int) {
	cores, mhz, memory := hostHardware(h)
	hw := host.Summary.Hardware
	hw.NumCpuCores = cores
	hw.NumCpuThreads = cores * 2
	hw.NumCpuPkgs = 2
	hw.CpuMhz = mhz
	hw.MemorySize = memory
	if host.Hardware != nil {
		host.Hardware.CpuInfo.NumCpuCores = cores
		host.Hardware.CpuInfo.NumCpuThreads = cores * 2
		host.Hardware.CpuInfo.NumCpuPackages = 2
		host.Hardware.CpuInfo.Hz = int64(mhz) * 1000 * 1000
		host.Hardware.MemorySize = memory
	}

	capacityMhz := int64(cores) * int64(mhz)
	host.Summary.QuickStats.OverallCpuUsage = int32(capacityMhz * int64(10+(h*7)%80) / 100)
	host.Summary.QuickStats.OverallMemoryUsage = int32((memory >> 20) * int64(20+(h*11)%70) / 100)
	host.Summary.QuickStats.Uptime = int32((h + 1) * 24 * 3600)

	boot := b.inv.launchedAt.Add(-time.Duration(h+1) * 24 * time.Hour)
	host.Runtime.BootTime = &boot
	host.Runtime.InMaintenanceMode = h%25 == 24
}

// applyClusterSummary sets the totals vCenter reports (cores × MHz, bytes) and the HA/DRS switches: HA on every
// other cluster, DRS on all but every third.
func applyClusterSummary(cluster *simulator.ClusterComputeResource, c int) {
	var totalCpu, effectiveCpu int32
	var totalMemory, effectiveMemory int64
	var cores, threads int16
	var effectiveHosts int32
	var cpuUsage, memUsage int32
	for _, ref := range cluster.Host {
		host := simulator.Map.Get(ref).(*simulator.HostSystem)
		hw := host.Summary.Hardware
		capacity := int32(hw.NumCpuCores) * hw.CpuMhz
		totalCpu += capacity
		totalMemory += hw.MemorySize
		cores += hw.NumCpuCores
		threads += hw.NumCpuThreads
		cpuUsage += host.Summary.QuickStats.OverallCpuUsage
		memUsage += host.Summary.QuickStats.OverallMemoryUsage
		if !host.Runtime.InMaintenanceMode {
			effectiveHosts++
			effectiveCpu += capacity
			effectiveMemory += hw.MemorySize >> 20
		}
	}
	if summary, ok := cluster.Summary.(*types.ClusterComputeResourceSummary); ok {
		summary.TotalCpu = totalCpu
		summary.TotalMemory = totalMemory
		summary.NumCpuCores = cores
		summary.NumCpuThreads = threads
		summary.EffectiveCpu = effectiveCpu
		summary.EffectiveMemory = effectiveMemory
		summary.NumHosts = int32(len(cluster.Host))
		summary.NumEffectiveHosts = effectiveHosts
		if summary.UsageSummary == nil {
			summary.UsageSummary = &types.ClusterUsageSummary{}
		}
		summary.UsageSummary.TotalCpuCapacityMhz = totalCpu
		summary.UsageSummary.TotalMemCapacityMB = int32(totalMemory >> 20)
		summary.UsageSummary.CpuDemandMhz = cpuUsage
		summary.UsageSummary.MemDemandMB = memUsage
	}
	if config, ok := cluster.ConfigurationEx.(*types.ClusterConfigInfoEx); ok {
		config.DasConfig.Enabled = types.NewBool(c%2 == 0)
		config.DrsConfig.Enabled = types.NewBool(c%3 != 2)
	}
}

// applyDatastoreSummary: the k-th datastore of a datacenter holds 2(k+1) TiB, 25 + (17k mod 60) % free; every
// fourth is NFS, the others VMFS.
func applyDatastoreSummary(ds *simulator.Datastore, k int) {
	capacity := int64(k+1) * 2 * tib
	free := capacity * int64(25+(k*17)%60) / 100
	ds.Summary.Capacity = capacity
	ds.Summary.FreeSpace = free
	ds.Summary.Accessible = true
	ds.Summary.MultipleHostAccess = types.NewBool(len(ds.Host) > 1)
	ds.Summary.Type = "VMFS"
	if k%4 == 3 {
		ds.Summary.Type = "NFS"
	}
	if info := ds.Info.GetDatastoreInfo(); info != nil {
		info.FreeSpace = free
		info.MaxFileSize = free
	}
}

func applyStoragePodSummary(pod *simulator.StoragePod) {
	var capacity, free int64
	for _, ref := range pod.ChildEntity {
		if ds, ok := simulator.Map.Get(ref).(*simulator.Datastore); ok {
			capacity += ds.Summary.Capacity
			free += ds.Summary.FreeSpace
		}
	}
	if pod.Summary == nil {
		pod.Summary = &types.StoragePodSummary{}
	}
	pod.Summary.Name = pod.Name
	pod.Summary.Capacity = capacity
	pod.Summary.FreeSpace = free
}

func appendUnique(refs []types.ManagedObjectReference, ref types.ManagedObjectReference) []types.ManagedObjectReference {
	if simulator.FindReference(refs, ref) != nil {
		return refs
	}
	return append(refs, ref)
}
