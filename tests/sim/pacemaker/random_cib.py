"""Random CIBs for differential tests against the real crm_simulate.

Each seed gives a small cluster (2-4 nodes, some down, unclean, in standby, maintenance or
shutting down) with primitives, groups and clones, constraints between them, and an operation
history with running, failed and stopped resources. Histories carry the operation digest of a
parameterless Dummy so that real Pacemaker sees no definition change.
"""
import random

def random_cib(seed: int) -> str:
    """A whole CIB (configuration and status) as XML text, deterministic per seed."""
    r = random.Random(seed)
    nnodes = r.randint(2, 4)
    nodes = [f"node{i+1}" for i in range(nnodes)]
    stonith = r.random() < 0.4
    props = [("stonith-enabled", "true" if stonith else "false")]
    props.append(("no-quorum-policy", r.choice(["stop", "ignore", "freeze", "ignore", "ignore"])))
    if r.random() < 0.15: props.append(("symmetric-cluster", "false"))
    have_quorum = r.random() < 0.8
    prims = []
    clones = []
    def prim(pid):
        meta = []
        if r.random() < 0.15: meta.append(("target-role", "Stopped"))
        if r.random() < 0.2: meta.append(("resource-stickiness", str(r.choice([0, 50, 100, 1000]))))
        if r.random() < 0.2: meta.append(("migration-threshold", str(r.choice([1, 2, 3]))))
        if r.random() < 0.1: meta.append(("is-managed", "false"))
        onfail = r.choice([None]*6 + ["stop", "block", "ignore", "restart", "standby"])
        return {"id": pid, "meta": meta, "onfail": onfail}
    top = []
    for i in range(r.randint(1, 5)):
        kind = r.choices(["p", "g", "c"], [6, 2, 2])[0]
        if kind == "p":
            p = prim(f"r{i}"); top.append(("p", p)); prims.append(p)
        elif kind == "g":
            members = [prim(f"g{i}m{j}") for j in range(r.randint(2, 3))]
            top.append(("g", f"grp{i}", members)); prims += members
        else:
            p = prim(f"c{i}p"); meta = []
            if r.random() < 0.3: meta.append(("clone-max", str(r.randint(1, nnodes))))
            if r.random() < 0.3: meta.append(("interleave", "true"))
            if r.random() < 0.2: meta.append(("globally-unique", "true")); meta.append(("clone-node-max", str(r.randint(1, 2))))
            top.append(("c", f"clone{i}", p, meta)); clones.append((f"clone{i}", p))
    if stonith:
        top.insert(0, ("p", {"id": "fence", "meta": [], "onfail": None, "stonith": True}))
    ids = [t[1]["id"] if t[0] == "p" else t[1] for t in top if not (t[0] == "p" and t[1].get("stonith"))]
    cons = []
    for i in range(r.randint(0, 4)):
        kind = r.choice(["loc", "col", "ord"])
        a = r.choice(ids)
        if kind == "loc":
            cons.append(f'<rsc_location id="l{i}" rsc="{a}" node="{r.choice(nodes)}" score="{r.choice(["INFINITY","-INFINITY","100","50","-50","200"])}"/>')
        elif kind == "col" and len(ids) > 1:
            b = r.choice([x for x in ids if x != a])
            cons.append(f'<rsc_colocation id="c{i}" rsc="{a}" with-rsc="{b}" score="{r.choice(["INFINITY","-INFINITY","100","-100"])}"/>')
        elif kind == "ord" and len(ids) > 1:
            b = r.choice([x for x in ids if x != a])
            cons.append(f'<rsc_order id="o{i}" first="{a}" then="{b}" kind="{r.choice(["Mandatory","Mandatory","Optional"])}"/>')
    # status
    states = []
    node_flags = {}
    for n in nodes:
        st = r.choices(["online", "offline", "unclean", "standby", "maint", "shutdown"], [10, 1, 1, 1, 0.5, 0.5])[0]
        node_flags[n] = st
    # where primitives run
    running = {}
    for p in prims:
        if r.random() < 0.6:
            running[p["id"]] = r.choice(nodes)
    for kind, *rest in top:
        if kind == "c":
            cid, p, meta = rest
            running[p["id"]] = [n for n in nodes if r.random() < 0.6]
    call = [10]
    def op(rid, opname, rc, interval=0, target=0):
        call[0] += 1
        return (f'<lrm_rsc_op id="{rid}_{opname}_{interval}_{call[0]}" operation_key="{rid}_{opname}_{interval}" operation="{opname}" call-id="{call[0]}" '
                f'rc-code="{rc}" op-status="0" interval="{interval}" transition-key="1:1:{target}:abc" last-rc-change="1600000000" op-digest="f2317cad3d54cec5d7d7aa7d0bf35cf8" crm_feature_set="3.16.1"/>')
    for n in nodes:
        st = node_flags[n]
        attrs = []
        if st == "standby": attrs.append(("standby", "on"))
        lrm = []
        fails = []
        allp = [p for p in prims] + ([{"id": "fence"}] if stonith else [])
        for p in allp:
            where = running.get(p["id"])
            active = (where == n) or (isinstance(where, list) and n in where)
            ops = []
            if r.random() < 0.7 or active:
                ops.append(op(p["id"], "monitor", 7, 0, 7))
            if active:
                ops.append(op(p["id"], "start", 0))
                if r.random() < 0.2:
                    ops.append(op(p["id"], "monitor", 7, 10000, 0))
                    fails.append(p["id"])
            elif r.random() < 0.05 and ops:
                ops.append(op(p["id"], "start", 1))
                fails.append(p["id"])
            if ops:
                cls = 'class="stonith" type="fence_dummy"' if p["id"] == "fence" else 'class="ocf" provider="heartbeat" type="Dummy"'
                lrm.append(f'<lrm_resource id="{p["id"]}" {cls}>' + "".join(ops) + "</lrm_resource>")
        extra_t = '<nvpair id="%s-sd" name="shutdown" value="1600000050"/>' % n if st == "shutdown" else ""
        extra_t += '<nvpair id="%s-sb" name="standby" value="on"/>' % n if st == "standby" else ""
        extra_t += '<nvpair id="%s-mt" name="maintenance" value="true"/>' % n if st == "maint" else ""
        trans = extra_t + "".join(f'<nvpair id="{n}-fc-{f}" name="fail-count-{f}" value="{r.choice([1,2,3,"INFINITY"])}"/><nvpair id="{n}-lf-{f}" name="last-failure-{f}" value="1600000000"/>' for f in fails)
        if st == "offline":
            states.append(f'<node_state id="{n}" uname="{n}" in_ccm="false" crmd="offline" join="down" expected="down"/>')
            continue
        in_ccm, crmd, join, exp = "true", "online", "member", "member"
        if st == "unclean":
            in_ccm = "false"
        states.append(f'<node_state id="{n}" uname="{n}" in_ccm="{in_ccm}" crmd="{crmd}" join="{join}" expected="{exp}">'
                      f'<transient_attributes id="{n}-t"><instance_attributes id="{n}-ta">{trans}</instance_attributes></transient_attributes>'
                      f'<lrm id="{n}"><lrm_resources>{"".join(lrm)}</lrm_resources></lrm></node_state>')
    def prim_xml(p):
        if p.get("stonith"):
            return f'<primitive id="{p["id"]}" class="stonith" type="fence_dummy"/>'
        meta = "".join(f'<nvpair id="{p["id"]}-{k}" name="{k}" value="{v}"/>' for k, v in p["meta"])
        ops = f'<operations><op id="{p["id"]}-mon" name="monitor" interval="10s"' + (f' on-fail="{p["onfail"]}"' if p["onfail"] else "") + '/></operations>'
        return f'<primitive id="{p["id"]}" class="ocf" provider="heartbeat" type="Dummy">' + (f'<meta_attributes id="{p["id"]}-m">{meta}</meta_attributes>' if meta else "") + ops + "</primitive>"
    res = []
    for kind, *rest in top:
        if kind == "p": res.append(prim_xml(rest[0]))
        elif kind == "g": res.append(f'<group id="{rest[0]}">' + "".join(prim_xml(m) for m in rest[1]) + "</group>")
        else:
            cid, p, meta = rest
            m = "".join(f'<nvpair id="{cid}-{k}" name="{k}" value="{v}"/>' for k, v in meta)
            res.append(f'<clone id="{cid}">' + (f'<meta_attributes id="{cid}-m">{m}</meta_attributes>' if m else "") + prim_xml(p) + "</clone>")
    rscdef = ('<rsc_defaults><meta_attributes id="rd"><nvpair id="rd-s" name="resource-stickiness" value="%d"/></meta_attributes></rsc_defaults>' % r.choice([0, 100])) if r.random() < 0.3 else ""
    propx = "".join(f'<nvpair id="p-{k}" name="{k}" value="{v}"/>' for k, v in props)
    nodex = "".join(f'<node id="{n}" uname="{n}"/>' for n in nodes)
    return (f'<cib validate-with="pacemaker-3.7" epoch="1" num_updates="1" admin_epoch="0" have-quorum="{1 if have_quorum else 0}" dc-uuid="{nodes[0]}" execution-date="1600000100">'
            f'<configuration><crm_config><cluster_property_set id="cib-bootstrap-options">{propx}</cluster_property_set></crm_config>'
            f'<nodes>{nodex}</nodes><resources>{"".join(res)}</resources><constraints>{"".join(cons)}</constraints>{rscdef}</configuration>'
            f'<status>{"".join(states)}</status></cib>')
