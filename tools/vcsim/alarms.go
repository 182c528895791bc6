package main

import (
	"fmt"
	"time"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/vpx"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// alarmRegistry holds the alarm definitions and the triggered states the launcher created (vcsim 0.24 has no
// alarms of its own).
type alarmRegistry struct {
	definitions []*mo.Alarm
	states      []types.AlarmState
}

// alarmTarget is one entity an alarm may trigger on, with the datacenter it belongs to.
type alarmTarget struct {
	entity mo.Entity
	dc     *simulator.Datacenter
}

var alarmDefinitionNames = []struct{ entityType, name string }{
	{"HostSystem", "Host CPU usage"},
	{"VirtualMachine", "Virtual machine memory usage"},
	{"Datastore", "Datastore usage on disk"},
	{"ClusterComputeResource", "vSphere HA failover resources"},
}

// triggerAlarms registers one alarm definition per entity type and -alarms triggered states, alternating red and
// yellow, cycling over hosts, VMs, datastores and clusters (spread over each list). Each state is set on its
// entity and, as vCenter does, also listed in triggeredAlarmState of its datacenter and of the root folder; the
// i-th state triggered i+1 minutes before launch and every fifth one is acknowledged.
func (b *builder) triggerAlarms() *alarmRegistry {
	reg := &alarmRegistry{}
	root := vpx.ServiceContent.RootFolder

	targets := map[string][]alarmTarget{}
	for _, d := range b.inv.datacenters {
		for _, h := range d.hosts {
			targets["HostSystem"] = append(targets["HostSystem"], alarmTarget{h, d.dc})
		}
		for _, vm := range d.vms {
			targets["VirtualMachine"] = append(targets["VirtualMachine"], alarmTarget{vm, d.dc})
		}
		for _, ds := range d.datastores {
			targets["Datastore"] = append(targets["Datastore"], alarmTarget{ds, d.dc})
		}
		for _, c := range d.clusters {
			targets["ClusterComputeResource"] = append(targets["ClusterComputeResource"], alarmTarget{c, d.dc})
		}
	}

	type kind struct {
		alarm   *mo.Alarm
		targets []alarmTarget
	}
	var kinds []kind
	for i, def := range alarmDefinitionNames {
		ref := types.ManagedObjectReference{Type: "Alarm", Value: fmt.Sprintf("alarm-%d", i+1)}
		alarm := &mo.Alarm{
			ExtensibleManagedObject: mo.ExtensibleManagedObject{Self: ref},
			Info: types.AlarmInfo{
				AlarmSpec: types.AlarmSpec{
					Name:        def.name,
					SystemName:  "alarm." + def.entityType,
					Description: fmt.Sprintf("Default alarm on %s objects", def.entityType),
					Enabled:     true,
				},
				Key:              ref.Value,
				Alarm:            ref,
				Entity:           root,
				LastModifiedTime: b.inv.launchedAt,
				LastModifiedUser: "VSPHERE.LOCAL\\Administrator",
			},
		}
		simulator.Map.Put(alarm)
		reg.definitions = append(reg.definitions, alarm)
		if len(targets[def.entityType]) > 0 {
			kinds = append(kinds, kind{alarm, targets[def.entityType]})
		}
	}
	if len(kinds) == 0 || b.opts.alarms == 0 {
		return reg
	}

	perKind := (b.opts.alarms + len(kinds) - 1) / len(kinds)
	for i := 0; i < b.opts.alarms; i++ {
		k := kinds[i%len(kinds)]
		o := i / len(kinds)
		if o >= len(k.targets) {
			continue // more alarms than entities of this type: one state per (alarm, entity) pair
		}
		stride := len(k.targets) / perKind
		if stride < 1 {
			stride = 1
		}
		target := k.targets[(o*stride)%len(k.targets)]
		entity := target.entity.Entity()

		status := types.ManagedEntityStatusRed
		if i%2 == 1 {
			status = types.ManagedEntityStatusYellow
		}
		state := types.AlarmState{
			Key:           fmt.Sprintf("%s.%s", k.alarm.Self.Value, entity.Self.Value),
			Entity:        entity.Self,
			Alarm:         k.alarm.Self,
			OverallStatus: status,
			Time:          b.inv.launchedAt.Add(-time.Duration(i+1) * time.Minute),
			Acknowledged:  types.NewBool(i%5 == 4),
			EventKey:      int32(i + 1),
		}
		if i%5 == 4 {
			at := state.Time.Add(30 * time.Second)
			state.AcknowledgedByUser = b.opts.username
			state.AcknowledgedTime = &at
		}
		reg.states = append(reg.states, state)

		entity.TriggeredAlarmState = append(entity.TriggeredAlarmState, state)
		entity.OverallStatus = worseStatus(entity.OverallStatus, status)
		dc := target.dc.Entity()
		dc.TriggeredAlarmState = append(dc.TriggeredAlarmState, state)
		if rootFolder, ok := simulator.Map.Get(root).(mo.Entity); ok {
			re := rootFolder.Entity()
			re.TriggeredAlarmState = append(re.TriggeredAlarmState, state)
		}
	}
	return reg
}

func worseStatus(a, b types.ManagedEntityStatus) types.ManagedEntityStatus {
	rank := map[types.ManagedEntityStatus]int{"gray": 0, "green": 1, "yellow": 2, "red": 3}
	if rank[b] > rank[a] {
		return b
	}
	return a
}

// alarmManager serves AlarmManager.GetAlarm and GetAlarmState over the launcher's alarms.
type alarmManager struct {
	mo.AlarmManager
	registry *alarmRegistry
}

func installAlarmManager(reg *alarmRegistry) {
	ref := vpx.ServiceContent.AlarmManager
	if ref == nil {
		return
	}
	simulator.Map.Put(&alarmManager{AlarmManager: mo.AlarmManager{Self: *ref}, registry: reg})
}

// GetAlarm returns every alarm definition (they are all defined on the root folder).
func (m *alarmManager) GetAlarm(req *types.GetAlarm) soap.HasFault {
	var refs []types.ManagedObjectReference
	for _, a := range m.registry.definitions {
		refs = append(refs, a.Self)
	}
	return &methods.GetAlarmBody{Res: &types.GetAlarmResponse{Returnval: refs}}
}

// GetAlarmState returns the triggered states listed on the entity (the root folder and datacenters list the
// states of everything below them).
func (m *alarmManager) GetAlarmState(req *types.GetAlarmState) soap.HasFault {
	body := &methods.GetAlarmStateBody{}
	e, ok := simulator.Map.Get(req.Entity).(mo.Entity)
	if !ok {
		body.Fault_ = simulator.Fault("", &types.ManagedObjectNotFound{Obj: req.Entity})
		return body
	}
	body.Res = &types.GetAlarmStateResponse{Returnval: e.Entity().TriggeredAlarmState}
	return body
}
