package main

import (
	"strings"

	"github.com/vmware/govmomi/simulator"
	"github.com/vmware/govmomi/vim25/mo"
)

// hostFqdn is the name a host gets under -host-domain: vcsim's name in DNS form, e.g. DC0_C0_H1 in
// vcf01.example.test becomes dc0-c0-h1.vcf01.example.test.
func hostFqdn(name, domain string) string {
	return strings.ToLower(strings.ReplaceAll(name, "_", "-")) + "." + domain
}

// nameHostsInDomain renames every host to its FQDN in domain, as a real vCenter lists hosts added by FQDN, and a
// standalone host's compute resource with it. It runs after the VMs are created, so VM names keep vcsim's form
// (DC0_C0_H1_VM0).
func (b *builder) nameHostsInDomain(domain string) {
	for _, d := range b.inv.datacenters {
		for _, h := range d.hosts {
			name := hostFqdn(h.Name, domain)
			if cr, ok := simulator.Map.Get(*h.Parent).(*mo.ComputeResource); ok && cr.Name == h.Name {
				cr.Name = name
			}
			h.Name = name
			h.Summary.Config.Name = name
		}
	}
}

// hostNames lists every host's name, datacenter by datacenter, cluster hosts first.
func (b *builder) hostNames() []string {
	names := []string{}
	for _, d := range b.inv.datacenters {
		for _, h := range d.hosts {
			names = append(names, h.Name)
		}
	}
	return names
}
