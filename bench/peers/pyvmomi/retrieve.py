#!/usr/bin/python3
"""pyvmomi peer of the inventory benchmark.

Performs the same PropertyCollector retrievals as the TypeScript client (one recursive ContainerView per retrieval,
RetrievePropertiesEx with maxObjects, ContinueRetrievePropertiesEx until no token, DestroyView), with pyvmomi's
typed deserialisation, and prints its timings as one JSON line. Runs with Debian's python3-pyvmomi:

    PEER_PASSWORD=... /usr/bin/python3 bench/peers/pyvmomi/retrieve.py --url https://127.0.0.1:PORT/sdk \
        --username USER --spec spec.json [--ca ca.pem] [--iterations N]

The password comes from the environment so that it does not show in the process list.
"""
import argparse
import json
import os
import ssl
import sys
import time
from urllib.parse import urlparse

from pyVim.connect import Disconnect, SmartConnect
from pyVmomi import VmomiSupport, vim, vmodl


def managed_type(wsdl_name):
    """The pyVmomi class of a vim25 WSDL type name, e.g. DistributedVirtualPortgroup → vim.dvs.DistributedVirtualPortgroup."""
    return VmomiSupport.GetWsdlType("urn:vim25", wsdl_name)


def retrieve_all(si, spec):
    content = si.RetrieveContent()
    pc = content.propertyCollector
    by_name = {}
    round_trips = 0
    started = time.perf_counter()
    for r in spec["retrievals"]:
        view = content.viewManager.CreateContainerView(
            content.rootFolder, [managed_type(t) for t in r["viewTypes"]], True
        )
        traversal = vmodl.query.PropertyCollector.TraversalSpec(
            name="traverseView", type=vim.view.ContainerView, path="view", skip=False
        )
        filter_spec = vmodl.query.PropertyCollector.FilterSpec(
            objectSet=[vmodl.query.PropertyCollector.ObjectSpec(obj=view, skip=True, selectSet=[traversal])],
            propSet=[
                vmodl.query.PropertyCollector.PropertySpec(type=managed_type(p["type"]), pathSet=p["pathSet"])
                for p in r["propSet"]
            ],
        )
        options = vmodl.query.PropertyCollector.RetrieveOptions(maxObjects=spec["pageSize"])
        result = pc.RetrievePropertiesEx([filter_spec], options)
        round_trips += 1
        count = 0
        while result is not None:
            count += len(result.objects)
            if not result.token:
                break
            result = pc.ContinueRetrievePropertiesEx(result.token)
            round_trips += 1
        by_name[r["name"]] = by_name.get(r["name"], 0) + count
        view.DestroyView()
    return {
        "ms": (time.perf_counter() - started) * 1000,
        "objects": sum(by_name.values()),
        "roundTrips": round_trips,
        "byName": by_name,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--spec", required=True)
    parser.add_argument("--ca")
    parser.add_argument("--iterations", type=int, default=1)
    args = parser.parse_args()

    with open(args.spec) as f:
        spec = json.load(f)
    url = urlparse(args.url)
    if args.ca:
        context = ssl.create_default_context(cafile=args.ca)
    else:
        context = ssl._create_unverified_context()
    si = SmartConnect(
        host=url.hostname,
        port=url.port or 443,
        user=args.username,
        pwd=os.environ.get("PEER_PASSWORD", ""),
        sslContext=context,
    )
    try:
        iterations = [retrieve_all(si, spec) for _ in range(args.iterations)]
    finally:
        Disconnect(si)
    print(json.dumps({"tool": "pyvmomi", "iterations": iterations}))


if __name__ == "__main__":
    sys.exit(main())
