package main

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/vmware/govmomi/object"
	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// inventoryCounts is what the launcher created, printed in the ready line so tests can compare.
type inventoryCounts struct {
	Datacenters           int `json:"datacenters"`
	Clusters              int `json:"clusters"`
	Hosts                 int `json:"hosts"`
	StandaloneHosts       int `json:"standaloneHosts"`
	Vms                   int `json:"vms"`
	PoweredOnVms          int `json:"poweredOnVms"`
	Templates             int `json:"templates"`
	Datastores            int `json:"datastores"`
	DatastoreClusters     int `json:"datastoreClusters"`
	DatastoresInClusters  int `json:"datastoresInClusters"`
	StandardPortgroups    int `json:"standardPortgroups"`
	DistributedSwitches   int `json:"distributedSwitches"`
	DistributedPortgroups int `json:"distributedPortgroups"`
	UplinkPortgroups      int `json:"uplinkPortgroups"`
	Snapshots             int `json:"snapshots"`
	VmsWithSnapshots      int `json:"vmsWithSnapshots"`
	TriggeredAlarms       int `json:"triggeredAlarms"`
	RedAlarms             int `json:"redAlarms"`
	YellowAlarms          int `json:"yellowAlarms"`
	AcknowledgedAlarms    int `json:"acknowledgedAlarms"`
	AlarmDefinitions      int `json:"alarmDefinitions"`
}

// datacenterInventory holds the objects of one datacenter in creation order.
type datacenterInventory struct {
	index       int
	dc          *simulator.Datacenter
	clusters    []*simulator.ClusterComputeResource
	hosts       []*simulator.HostSystem // cluster hosts first, then standalone hosts
	datastores  []*simulator.Datastore
	pods        []*simulator.StoragePod
	networks    []types.ManagedObjectReference // VM NIC backings, round robin: distributed then standard portgroups
	dvs         *simulator.DistributedVirtualSwitch
	portgroups  []*simulator.DistributedVirtualPortgroup // distributed, without the uplink portgroup
	standardPgs []*mo.Network                            // including "VM Network"
	vms         []*simulator.VirtualMachine
}

// inventory is the result of buildInventory.
type inventory struct {
	datacenters []*datacenterInventory
	counts      inventoryCounts
	samples     samples
	alarms      *alarmRegistry
	// hostNames are every host's final name, datacenter by datacenter, cluster hosts first.
	hostNames []string
	// launchedAt anchors every generated time stamp (snapshot ages, boot times, alarm times).
	launchedAt time.Time
}

// builder creates the inventory through the simulator's API (an in-process vim25 client) where the API
// offers it, and through the object model for values the simulator does not maintain.
type builder struct {
	ctx    context.Context
	client *vim25.Client
	opts   options
	inv    *inventory
}

func buildInventory(model *simulator.Model, opts options) (*inventory, error) {
	ctx := context.Background()
	client, err := vim25.NewClient(ctx, model.Service)
	if err != nil {
		return nil, err
	}
	b := &builder{ctx: ctx, client: client, opts: opts, inv: &inventory{launchedAt: time.Now().UTC().Truncate(time.Second)}}

	dcs := entitiesOfType("Datacenter")
	for i, e := range dcs {
		dc := e.(*simulator.Datacenter)
		d := &datacenterInventory{index: i, dc: dc}
		b.inv.datacenters = append(b.inv.datacenters, d)
		if err := b.collectComputeAndStorage(d); err != nil {
			return nil, err
		}
		if err := b.createStandardPortgroups(d); err != nil {
			return nil, err
		}
		if err := b.createDistributedSwitch(d); err != nil {
			return nil, err
		}
		if err := b.createDatastoreClusters(d); err != nil {
			return nil, err
		}
		if err := b.createVms(d); err != nil {
			return nil, err
		}
	}
	if err := b.createSnapshots(); err != nil {
		return nil, err
	}
	if err := b.createFailedTask(); err != nil {
		return nil, err
	}
	if opts.hostDomain != "" {
		b.nameHostsInDomain(opts.hostDomain)
	}
	b.inv.hostNames = b.hostNames()
	// Values last: snapshots and power operations make the simulator recompute some of them.
	b.applyMetrics()
	b.inv.alarms = b.triggerAlarms()
	b.countInventory()
	b.inv.samples = b.collectSamples()
	return b.inv, nil
}

// collectComputeAndStorage finds the clusters, hosts and datastores the base model created in a datacenter.
func (b *builder) collectComputeAndStorage(d *datacenterInventory) error {
	hostFolder := simulator.Map.Get(d.dc.HostFolder).(*simulator.Folder)
	var standalone []*simulator.HostSystem
	for _, ref := range sortedByName(hostFolder.ChildEntity) {
		switch cr := simulator.Map.Get(ref).(type) {
		case *simulator.ClusterComputeResource:
			d.clusters = append(d.clusters, cr)
			for _, h := range sortedByName(cr.Host) {
				d.hosts = append(d.hosts, simulator.Map.Get(h).(*simulator.HostSystem))
			}
		case *mo.ComputeResource:
			for _, h := range cr.Host {
				standalone = append(standalone, simulator.Map.Get(h).(*simulator.HostSystem))
			}
		}
	}
	d.hosts = append(d.hosts, standalone...)

	// vcsim lists a local datastore in the folder once per host that mounts it.
	dsFolder := simulator.Map.Get(d.dc.DatastoreFolder).(*simulator.Folder)
	seen := map[types.ManagedObjectReference]bool{}
	for _, ref := range sortedByName(dsFolder.ChildEntity) {
		if ds, ok := simulator.Map.Get(ref).(*simulator.Datastore); ok && !seen[ref] {
			seen[ref] = true
			d.datastores = append(d.datastores, ds)
		}
	}
	if len(d.datastores) == 0 {
		return fmt.Errorf("datacenter %s has no datastore", d.dc.Name)
	}
	// Each host's CreateLocalDatastore replaced the registry's object, which keeps only the last host's mount;
	// list every host that mounts the datastore, as vCenter does for a shared datastore.
	for _, ds := range d.datastores {
		ds.Host = nil
		for _, h := range d.hosts {
			if simulator.FindReference(h.Datastore, ds.Self) != nil {
				ds.Host = append(ds.Host, types.DatastoreHostMount{
					Key: h.Self,
					MountInfo: types.HostMountInfo{
						AccessMode: string(types.HostMountModeReadWrite),
						Mounted:    types.NewBool(true),
						Accessible: types.NewBool(true),
					},
				})
			}
		}
	}
	return nil
}

func (b *builder) hostRefs(d *datacenterInventory) []types.ManagedObjectReference {
	refs := make([]types.ManagedObjectReference, 0, len(d.hosts))
	for _, h := range d.hosts {
		refs = append(refs, h.Self)
	}
	return refs
}

// createStandardPortgroups adds portgroups to vSwitch0 (through the first host's HostNetworkSystem, which creates
// the Network entity) and then records every host of the datacenter on them, as vCenter would after adding the
// portgroup to each host.
func (b *builder) createStandardPortgroups(d *datacenterInventory) error {
	first := object.NewHostSystem(b.client, d.hosts[0].Self)
	ns, err := first.ConfigManager().NetworkSystem(b.ctx)
	if err != nil {
		return err
	}
	for i := 0; i < b.opts.portgroups; i++ {
		err := ns.AddPortGroup(b.ctx, types.HostPortGroupSpec{
			Name:        fmt.Sprintf("%s_PG%d", d.dc.Name, i),
			VlanId:      int32(100 + i),
			VswitchName: "vSwitch0",
			Policy:      types.HostNetworkPolicy{},
		})
		if err != nil {
			return fmt.Errorf("adding standard portgroup: %w", err)
		}
	}

	netFolder := simulator.Map.Get(d.dc.NetworkFolder).(*simulator.Folder)
	hosts := b.hostRefs(d)
	for _, ref := range sortedByName(netFolder.ChildEntity) {
		network, ok := simulator.Map.Get(ref).(*mo.Network)
		if !ok {
			continue
		}
		network.Host = append([]types.ManagedObjectReference(nil), hosts...)
		for _, h := range d.hosts {
			if simulator.FindReference(h.Network, network.Self) == nil {
				h.Network = append(h.Network, network.Self)
			}
		}
		d.standardPgs = append(d.standardPgs, network)
	}
	return nil
}

// createDistributedSwitch creates one distributed switch per datacenter with every host as a member, and its
// portgroups with VLAN ids 1000, 1001, …
func (b *builder) createDistributedSwitch(d *datacenterInventory) error {
	if b.opts.distributedPortgroups == 0 {
		return nil
	}
	folder := object.NewFolder(b.client, d.dc.NetworkFolder)
	task, err := folder.CreateDVS(b.ctx, types.DVSCreateSpec{
		ConfigSpec: &types.VMwareDVSConfigSpec{DVSConfigSpec: types.DVSConfigSpec{Name: d.dc.Name + "_DVS"}},
	})
	if err != nil {
		return err
	}
	info, err := task.WaitForResult(b.ctx, nil)
	if err != nil {
		return fmt.Errorf("creating the distributed switch: %w", err)
	}
	dvsRef := info.Result.(types.ManagedObjectReference)
	dvs := object.NewDistributedVirtualSwitch(b.client, dvsRef)

	// Each host joins with its spare physical NIC as the switch's uplink, as `govc dvs.add -pnic vmnic1` does.
	backing := &types.DistributedVirtualSwitchHostMemberPnicBacking{
		PnicSpec: []types.DistributedVirtualSwitchHostMemberPnicSpec{{PnicDevice: dvsUplinkDevice}},
	}
	var members []types.DistributedVirtualSwitchHostMemberConfigSpec
	for _, h := range d.hosts {
		members = append(members, types.DistributedVirtualSwitchHostMemberConfigSpec{
			Operation: string(types.ConfigSpecOperationAdd),
			Host:      h.Self,
			Backing:   backing,
		})
	}
	if err := waitTask(b.ctx, func() (*object.Task, error) {
		return dvs.Reconfigure(b.ctx, &types.DVSConfigSpec{Host: members})
	}); err != nil {
		return fmt.Errorf("adding hosts to the distributed switch: %w", err)
	}

	var specs []types.DVPortgroupConfigSpec
	for i := 0; i < b.opts.distributedPortgroups; i++ {
		specs = append(specs, types.DVPortgroupConfigSpec{
			Name:     fmt.Sprintf("%s_DVPG%d", d.dc.Name, i),
			Type:     string(types.DistributedVirtualPortgroupPortgroupTypeEarlyBinding),
			NumPorts: 128,
			DefaultPortConfig: &types.VMwareDVSPortSetting{
				Vlan: &types.VmwareDistributedVirtualSwitchVlanIdSpec{VlanId: int32(1000 + i)},
			},
		})
	}
	if err := waitTask(b.ctx, func() (*object.Task, error) { return dvs.AddPortgroup(b.ctx, specs) }); err != nil {
		return fmt.Errorf("adding distributed portgroups: %w", err)
	}

	d.dvs = simulator.Map.Get(dvsRef).(*simulator.DistributedVirtualSwitch)
	uplinks := map[types.ManagedObjectReference]bool{}
	if cfg, ok := d.dvs.Config.(*types.VMwareDVSConfigInfo); ok {
		for _, u := range cfg.UplinkPortgroup {
			uplinks[u] = true
		}
	}
	for _, ref := range sortedByName(d.dvs.Portgroup) {
		if strings.Contains(simulator.Map.Get(ref).(mo.Entity).Entity().Name, "-DVUplinks") {
			uplinks[ref] = true
		}
		if !uplinks[ref] {
			d.portgroups = append(d.portgroups, simulator.Map.Get(ref).(*simulator.DistributedVirtualPortgroup))
		}
	}
	if cfg, ok := d.dvs.Config.(*types.VMwareDVSConfigInfo); ok && len(cfg.UplinkPortgroup) == 0 {
		// Real vCenter lists the uplink portgroup in config.uplinkPortgroup; vcsim does not.
		for ref := range uplinks {
			cfg.UplinkPortgroup = append(cfg.UplinkPortgroup, ref)
		}
	}
	for _, h := range d.hosts {
		addDvsUplink(h, d.dvs, backing)
	}
	return nil
}

// dvsUplinkDevice is the physical NIC of every host that carries the distributed switch (vmnic0 carries vSwitch0).
const dvsUplinkDevice = "vmnic1"

// addDvsUplink records on a host what vCenter records when the host joins a distributed switch with a physical
// NIC (vcsim's ReconfigureDvs_Task accepts the NIC backing but keeps no trace of it): a proxy switch in
// config.network.proxySwitch whose pnic is that NIC, and the host in the switch's config.host.
func addDvsUplink(h *simulator.HostSystem, dvs *simulator.DistributedVirtualSwitch, backing *types.DistributedVirtualSwitchHostMemberPnicBacking) {
	if h.Config == nil || h.Config.Network == nil {
		return
	}
	config := *h.Config
	network := *config.Network
	network.ProxySwitch = append(append([]types.HostProxySwitch(nil), network.ProxySwitch...), types.HostProxySwitch{
		DvsUuid:    dvs.Uuid,
		DvsName:    dvs.Name,
		Key:        dvs.Uuid,
		NumPorts:   512,
		Pnic:       []string{"key-vim.host.PhysicalNic-" + dvsUplinkDevice},
		UplinkPort: []types.KeyValue{{Key: "0", Value: "uplink1"}},
		Spec:       types.HostProxySwitchSpec{Backing: backing},
	})
	config.Network = &network
	h.Config = &config
	if cfg := dvs.Config.GetDVSConfigInfo(); cfg != nil {
		cfg.Host = append(cfg.Host, types.DistributedVirtualSwitchHostMember{
			Config: types.DistributedVirtualSwitchHostMemberConfigInfo{Host: &h.Self, Backing: backing},
		})
	}
}

// createDatastoreClusters creates the datastore clusters of a datacenter and moves the first datastores into them.
func (b *builder) createDatastoreClusters(d *datacenterInventory) error {
	folder := object.NewFolder(b.client, d.dc.DatastoreFolder)
	for p := 0; p < b.opts.datastoreClusters; p++ {
		pod, err := folder.CreateStoragePod(b.ctx, fmt.Sprintf("%s_POD%d", d.dc.Name, p))
		if err != nil {
			return fmt.Errorf("creating datastore cluster: %w", err)
		}
		var members []types.ManagedObjectReference
		for k := p * b.opts.datastoresPerCluster; k < (p+1)*b.opts.datastoresPerCluster; k++ {
			members = append(members, d.datastores[k].Self)
		}
		if len(members) > 0 {
			if err := waitTask(b.ctx, func() (*object.Task, error) { return pod.MoveInto(b.ctx, members) }); err != nil {
				return fmt.Errorf("moving datastores into %s: %w", pod.Reference().Value, err)
			}
		}
		d.pods = append(d.pods, simulator.Map.Get(pod.Reference()).(*simulator.StoragePod))
	}
	return nil
}

var guestIds = []string{
	string(types.VirtualMachineGuestOsIdentifierUbuntu64Guest),
	string(types.VirtualMachineGuestOsIdentifierRhel8_64Guest),
	string(types.VirtualMachineGuestOsIdentifierWindows2019srv_64Guest),
	string(types.VirtualMachineGuestOsIdentifierOtherGuest64),
}

// createVms creates -vms VMs on every host of a datacenter (cluster hosts, then standalone hosts). The n-th VM of
// the datacenter uses datastore n mod #datastores and network n mod #networks; every tenth VM stays powered off.
func (b *builder) createVms(d *datacenterInventory) error {
	for _, pg := range d.portgroups {
		d.networks = append(d.networks, pg.Self)
	}
	for _, n := range d.standardPgs {
		d.networks = append(d.networks, n.Self)
	}
	vmFolder := object.NewFolder(b.client, d.dc.VmFolder)

	n := 0
	for _, host := range d.hosts {
		hostObj := object.NewHostSystem(b.client, host.Self)
		pool, err := hostObj.ResourcePool(b.ctx)
		if err != nil {
			return err
		}
		for v := 0; v < b.opts.vmsPerHost; v++ {
			name := fmt.Sprintf("%s_VM%d", host.Name, v)
			ds := d.datastores[n%len(d.datastores)]
			spec, err := b.vmSpec(d, name, ds, n)
			if err != nil {
				return err
			}
			task, err := vmFolder.CreateVM(b.ctx, spec, pool, hostObj)
			if err != nil {
				return err
			}
			info, err := task.WaitForResult(b.ctx, nil)
			if err != nil {
				return fmt.Errorf("creating VM %s: %w", name, err)
			}
			ref := info.Result.(types.ManagedObjectReference)
			if n%10 != 9 {
				vm := object.NewVirtualMachine(b.client, ref)
				if err := waitTask(b.ctx, func() (*object.Task, error) { return vm.PowerOn(b.ctx) }); err != nil {
					return fmt.Errorf("powering on VM %s: %w", name, err)
				}
			}
			d.vms = append(d.vms, simulator.Map.Get(ref).(*simulator.VirtualMachine))
			n++
		}
	}
	return nil
}

func (b *builder) vmSpec(d *datacenterInventory, name string, ds *simulator.Datastore, n int) (types.VirtualMachineConfigSpec, error) {
	spec := types.VirtualMachineConfigSpec{
		Name:     name,
		GuestId:  guestIds[n%len(guestIds)],
		NumCPUs:  int32(1 << (n % 3)),
		MemoryMB: int64(1024 << (n % 4)),
		Files:    &types.VirtualMachineFileInfo{VmPathName: fmt.Sprintf("[%s]", ds.Name)},
	}
	var devices object.VirtualDeviceList
	scsi, err := devices.CreateSCSIController("pvscsi")
	if err != nil {
		return spec, err
	}
	disk := devices.CreateDisk(scsi.(types.BaseVirtualController), types.ManagedObjectReference{},
		spec.Files.VmPathName+" "+path.Join(name, "disk1.vmdk"))
	disk.CapacityInKB = int64(16+n%5*16) * 1024 * 1024

	backing, err := b.nicBacking(d, d.networks[n%len(d.networks)])
	if err != nil {
		return spec, err
	}
	nic, err := object.EthernetCardTypes().CreateEthernetCard("vmxnet3", backing)
	if err != nil {
		return spec, err
	}
	devices = append(devices, scsi, disk, nic)
	spec.DeviceChange, err = devices.ConfigSpec(types.VirtualDeviceConfigSpecOperationAdd)
	return spec, err
}

func (b *builder) nicBacking(d *datacenterInventory, network types.ManagedObjectReference) (types.BaseVirtualDeviceBackingInfo, error) {
	switch n := simulator.Map.Get(network).(type) {
	case *simulator.DistributedVirtualPortgroup:
		return &types.VirtualEthernetCardDistributedVirtualPortBackingInfo{
			Port: types.DistributedVirtualSwitchPortConnection{SwitchUuid: d.dvs.Uuid, PortgroupKey: n.Key},
		}, nil
	case *mo.Network:
		return &types.VirtualEthernetCardNetworkBackingInfo{
			VirtualDeviceDeviceBackingInfo: types.VirtualDeviceDeviceBackingInfo{DeviceName: n.Name},
		}, nil
	}
	return nil, fmt.Errorf("no backing for network %s", network)
}

func (b *builder) allVms() []*simulator.VirtualMachine {
	var all []*simulator.VirtualMachine
	for _, d := range b.inv.datacenters {
		all = append(all, d.vms...)
	}
	return all
}

// createSnapshots creates -snapshots snapshots through the API, two per VM (a base snapshot and a child of it),
// on VMs spread evenly over the inventory, then back-dates them: the k-th VM's base snapshot is k+2 days old and
// its child k+1 days.
func (b *builder) createSnapshots() error {
	if b.opts.snapshots == 0 {
		return nil
	}
	all := b.allVms()
	vmCount := (b.opts.snapshots + 1) / 2
	if vmCount > len(all) {
		return fmt.Errorf("-snapshots %d needs %d VMs, the inventory has %d", b.opts.snapshots, vmCount, len(all))
	}
	stride := len(all) / vmCount
	created := 0
	for k := 0; k < vmCount; k++ {
		vm := all[k*stride]
		obj := object.NewVirtualMachine(b.client, vm.Self)
		names := []string{fmt.Sprintf("base-%d", k), fmt.Sprintf("after-change-%d", k)}
		for i, name := range names {
			if created == b.opts.snapshots {
				break
			}
			description := fmt.Sprintf("Snapshot %d of %s <%s>", i+1, vm.Name, "test & demo")
			if err := waitTask(b.ctx, func() (*object.Task, error) {
				return obj.CreateSnapshot(b.ctx, name, description, false, false)
			}); err != nil {
				return fmt.Errorf("creating snapshot on %s: %w", vm.Name, err)
			}
			created++
		}
		age := time.Duration(k+2) * 24 * time.Hour
		backdate(vm.Snapshot.RootSnapshotList, b.inv.launchedAt.Add(-age))
	}
	return nil
}

// backdate gives a snapshot tree creation times one day apart, starting at t for the root.
func backdate(tree []types.VirtualMachineSnapshotTree, t time.Time) {
	for i := range tree {
		tree[i].CreateTime = t
		backdate(tree[i].ChildSnapshotList, t.Add(24*time.Hour))
	}
}

// createFailedTask powers on a VM that is already on, so that the recent tasks include one in error.
func (b *builder) createFailedTask() error {
	for _, vm := range b.allVms() {
		if vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn {
			task, err := object.NewVirtualMachine(b.client, vm.Self).PowerOn(b.ctx)
			if err != nil {
				return err
			}
			_ = task.Wait(b.ctx) // expected to fail with InvalidPowerState
			return nil
		}
	}
	return nil
}

func (b *builder) countInventory() {
	c := &b.inv.counts
	for _, d := range b.inv.datacenters {
		c.Datacenters++
		c.Clusters += len(d.clusters)
		c.Hosts += len(d.hosts)
		for _, cr := range d.clusters {
			c.StandaloneHosts -= len(cr.Host)
		}
		c.StandaloneHosts += len(d.hosts)
		c.Datastores += len(d.datastores)
		c.DatastoreClusters += len(d.pods)
		for _, p := range d.pods {
			c.DatastoresInClusters += len(p.ChildEntity)
		}
		c.StandardPortgroups += len(d.standardPgs)
		c.DistributedPortgroups += len(d.portgroups)
		if d.dvs != nil {
			c.DistributedSwitches++
			c.UplinkPortgroups += len(d.dvs.Portgroup) - len(d.portgroups)
		}
		for _, vm := range d.vms {
			c.Vms++
			if vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn {
				c.PoweredOnVms++
			}
			if vm.Config.Template {
				c.Templates++
			}
			if vm.Snapshot != nil {
				c.VmsWithSnapshots++
				c.Snapshots += countSnapshots(vm.Snapshot.RootSnapshotList)
			}
		}
	}
	for _, s := range b.inv.alarms.states {
		c.TriggeredAlarms++
		switch s.OverallStatus {
		case types.ManagedEntityStatusRed:
			c.RedAlarms++
		case types.ManagedEntityStatusYellow:
			c.YellowAlarms++
		}
		if s.Acknowledged != nil && *s.Acknowledged {
			c.AcknowledgedAlarms++
		}
	}
	c.AlarmDefinitions = len(b.inv.alarms.definitions)
}

func countSnapshots(tree []types.VirtualMachineSnapshotTree) int {
	n := 0
	for _, t := range tree {
		n += 1 + countSnapshots(t.ChildSnapshotList)
	}
	return n
}

func waitTask(ctx context.Context, start func() (*object.Task, error)) error {
	task, err := start()
	if err != nil {
		return err
	}
	return task.Wait(ctx)
}

// entitiesOfType returns the registry's entities of one type sorted by name (the registry is a map).
func entitiesOfType(kind string) []mo.Entity {
	all := simulator.Map.All(kind)
	sort.Slice(all, func(i, j int) bool { return naturalLess(all[i].Entity().Name, all[j].Entity().Name) })
	return all
}

func sortedByName(refs []types.ManagedObjectReference) []types.ManagedObjectReference {
	out := append([]types.ManagedObjectReference(nil), refs...)
	name := func(ref types.ManagedObjectReference) string {
		if e, ok := simulator.Map.Get(ref).(mo.Entity); ok {
			return e.Entity().Name
		}
		return ref.Value
	}
	sort.SliceStable(out, func(i, j int) bool { return naturalLess(name(out[i]), name(out[j])) })
	return out
}

// naturalLess orders "DC2" before "DC10".
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		da, db := leadingDigits(a), leadingDigits(b)
		if da != "" && db != "" {
			na, _ := strconv.Atoi(da)
			nb, _ := strconv.Atoi(db)
			if na != nb {
				return na < nb
			}
			a, b = a[len(da):], b[len(db):]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func leadingDigits(s string) string {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return s[:i]
}
