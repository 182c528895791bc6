package main

import (
	"fmt"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/types"
)

// Values of the inventory depth (RVTools-grade columns) that vcsim 0.24 leaves empty, set through the object
// model so that clients have something to read and compare with govmomi's reading.

// applyVmDepth: VMware Tools status, version and running state, an annotation, CBT on every third VM.
func applyVmDepth(vm *simulator.VirtualMachine, g int) {
	poweredOn := vm.Runtime.PowerState == types.VirtualMachinePowerStatePoweredOn
	vm.Guest.ToolsVersion = fmt.Sprintf("%d", 12352+g%3)
	switch {
	case !poweredOn:
		vm.Guest.ToolsVersionStatus2 = string(types.VirtualMachineToolsVersionStatusGuestToolsCurrent)
		vm.Guest.ToolsRunningStatus = string(types.VirtualMachineToolsRunningStatusGuestToolsNotRunning)
	case g%7 == 3:
		vm.Guest.ToolsVersionStatus2 = string(types.VirtualMachineToolsVersionStatusGuestToolsSupportedOld)
	default:
		vm.Guest.ToolsVersionStatus2 = string(types.VirtualMachineToolsVersionStatusGuestToolsCurrent)
	}
	if poweredOn {
		vm.Guest.GuestFullName = vm.Config.GuestFullName
		vm.Summary.QuickStats.UptimeSeconds = int32((g + 1) * 3600)
	}
	vm.Config.Annotation = fmt.Sprintf("owner: team-%d <ops> & co", g%4)
	vm.Summary.Config.Annotation = vm.Config.Annotation
	cbt := g%3 == 0
	vm.Config.ChangeTrackingEnabled = &cbt
}

// applyHostDepth: a serial number and service tag, NTP servers, VMkernel services (vmk0 management and vMotion,
// vmk1 vSAN), and the datacenter's standard portgroups on vSwitch0 (vcsim adds a portgroup to the host whose
// network system created it only).
func applyHostDepth(host *simulator.HostSystem, h int, standardPgs []*mo.Network) {
	if host.Hardware != nil {
		hw := *host.Hardware
		hw.SystemInfo.SerialNumber = fmt.Sprintf("SN%06d", h+1)
		hw.SystemInfo.OtherIdentifyingInfo = append([]types.HostSystemIdentificationInfo{{
			IdentifierValue: fmt.Sprintf("TAG%05d", h+1),
			IdentifierType:  &types.ElementDescription{Key: "ServiceTag"},
		}}, hw.SystemInfo.OtherIdentifyingInfo...)
		host.Hardware = &hw
	}
	if host.Config == nil {
		return
	}
	config := *host.Config
	config.DateTimeInfo = &types.HostDateTimeInfo{
		TimeZone:  types.HostDateTimeSystemTimeZone{Key: "UTC", Name: "UTC", Description: "UTC"},
		NtpConfig: &types.HostNtpConfig{Server: []string{"ntp1.vcsim.test", fmt.Sprintf("ntp%d.vcsim.test", 2+h%2)}},
	}
	if config.VirtualNicManagerInfo != nil {
		info := *config.VirtualNicManagerInfo
		info.NetConfig = append([]types.VirtualNicManagerNetConfig(nil), info.NetConfig...)
		for i := range info.NetConfig {
			nc := &info.NetConfig[i]
			var selected []string
			for _, candidate := range nc.CandidateVnic {
				onVmk0 := candidate.Device == "vmk0" && (nc.NicType == "management" || nc.NicType == "vmotion")
				onVmk1 := candidate.Device == "vmk1" && nc.NicType == "vsan"
				if onVmk0 || onVmk1 {
					selected = append(selected, candidate.Key)
				}
			}
			nc.SelectedVnic = selected
		}
		config.VirtualNicManagerInfo = &info
	}
	if config.Network != nil {
		network := *config.Network
		network.Portgroup = append([]types.HostPortGroup(nil), network.Portgroup...)
		for _, pg := range standardPgs {
			found := false
			for _, existing := range network.Portgroup {
				found = found || existing.Spec.Name == pg.Name
			}
			if !found {
				network.Portgroup = append(network.Portgroup, types.HostPortGroup{
					Key:  "key-vim.host.PortGroup-" + pg.Name,
					Spec: types.HostPortGroupSpec{Name: pg.Name, VswitchName: "vSwitch0"},
				})
			}
		}
		config.Network = &network
	}
	host.Config = &config
}

// applyClusterDepth: EVC on every other cluster, HA admission control with a failover-level policy where HA is
// on, DRS fully automated.
func applyClusterDepth(cluster *simulator.ClusterComputeResource, c int) {
	if summary, ok := cluster.Summary.(*types.ClusterComputeResourceSummary); ok && c%2 == 0 {
		summary.CurrentEVCModeKey = "intel-broadwell"
	}
	if cfg, ok := cluster.ConfigurationEx.(*types.ClusterConfigInfoEx); ok {
		enabled := cfg.DasConfig.Enabled != nil && *cfg.DasConfig.Enabled
		cfg.DasConfig.AdmissionControlEnabled = &enabled
		if enabled {
			cfg.DasConfig.AdmissionControlPolicy = &types.ClusterFailoverLevelAdmissionControlPolicy{FailoverLevel: 1}
		}
		if cfg.DrsConfig.DefaultVmBehavior == "" {
			cfg.DrsConfig.DefaultVmBehavior = types.DrsBehaviorFullyAutomated
		}
	}
}
