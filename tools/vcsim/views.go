package main

import (
	"sync/atomic"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/simulator/vpx"
	"github.com/vmware/govmomi/vim25/methods"
	"github.com/vmware/govmomi/vim25/mo"
	"github.com/vmware/govmomi/vim25/soap"
	"github.com/vmware/govmomi/vim25/types"
)

// podAwareViewManager fixes recursive container views for datastores in datastore clusters: vcsim 0.24 does not
// descend into StoragePod objects, so a Datastore view over the root folder misses every datastore that sits in a
// datastore cluster. vCenter lists them; this wrapper adds them to the view.
type podAwareViewManager struct {
	simulator.ViewManager
}

func installPodAwareViewManager() {
	ref := *vpx.ServiceContent.ViewManager
	vm := simulator.Map.Get(ref).(*simulator.ViewManager)
	simulator.Map.Put(&podAwareViewManager{ViewManager: *vm})
}

// CreateContainerView creates the view as vcsim does, then appends the datastore-cluster members it missed.
func (m *podAwareViewManager) CreateContainerView(ctx *simulator.Context, req *types.CreateContainerView) soap.HasFault {
	res := m.ViewManager.CreateContainerView(ctx, req)
	body, ok := res.(*methods.CreateContainerViewBody)
	if !ok || body.Fault_ != nil || body.Res == nil || !req.Recursive || ctx.Session == nil {
		return res
	}
	view, ok := ctx.Session.Get(body.Res.Returnval).(*simulator.ContainerView)
	if !ok {
		return res
	}
	atomic.AddInt64(&createdViews, 1)
	wanted := func(kind string) bool {
		if len(req.Type) == 0 {
			return true
		}
		for _, t := range req.Type {
			if t == kind || t == "ManagedEntity" {
				return true
			}
		}
		return false
	}
	for _, e := range simulator.Map.All("StoragePod") {
		pod := e.(*simulator.StoragePod)
		if !isDescendant(pod.Self, req.Container) {
			continue
		}
		for _, child := range pod.ChildEntity {
			if wanted(child.Type) && simulator.FindReference(view.View, child) == nil {
				view.View = append(view.View, child)
			}
		}
	}
	// Count DestroyView calls through a wrapper (embedded by value: the simulator reads the mo type by reflection).
	ctx.Session.Registry.Put(&countedContainerView{ContainerView: *view})
	return res
}

var createdViews, destroyedViews int64

// countedContainerView counts DestroyView calls, so tests can check that clients destroy their views.
type countedContainerView struct {
	simulator.ContainerView
}

func (v *countedContainerView) DestroyView(ctx *simulator.Context, req *types.DestroyView) soap.HasFault {
	atomic.AddInt64(&destroyedViews, 1)
	return v.ContainerView.DestroyView(ctx, req)
}

// isDescendant tells whether ref is below (or is) container in the inventory tree.
func isDescendant(ref, container types.ManagedObjectReference) bool {
	for {
		if ref == container {
			return true
		}
		e, ok := simulator.Map.Get(ref).(mo.Entity)
		if !ok || e.Entity().Parent == nil {
			return false
		}
		ref = *e.Entity().Parent
	}
}
