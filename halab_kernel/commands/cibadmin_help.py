"""The help text of Pacemaker 2.1.5's cibadmin (`cibadmin --help`), printed as the real tool prints it:
on stdout for --help, on stderr with exit 64 after a usage error."""

CIBADMIN_HELP = """\
cibadmin - query and edit the Pacemaker configuration
Usage: cibadmin <command> [options]
Options:
 -?, --help\t\tThis text
 -$, --version\t\tVersion information
 -V, --verbose\t\tIncrease debug output

Commands:
 -u, --upgrade\t\tUpgrade the configuration to the latest syntax
 -Q, --query\t\tQuery the contents of the CIB
 -E, --erase\t\tErase the contents of the whole CIB
 -B, --bump\t\tIncrease the CIB's epoch value by 1
 -C, --create\t\tCreate an object in the CIB (will fail if object already exists)
 -M, --modify\t\tFind object somewhere in CIB's XML tree and update it (fails if object does not exist unless -c is also specified)
 -P, --patch\t\tSupply an update in the form of an XML diff (see crm_diff(8))
 -R, --replace\t\tRecursively replace an object in the CIB
 -D, --delete\t\tDelete first object matching supplied criteria (for example, <op id="rsc1_op1" name="monitor"/>)

\tThe XML element name and all attributes must match in order for the element to be deleted.

 -d, --delete-all\tWhen used with --xpath, remove all matching objects in the configuration instead of just the first one
 -a, --empty\t\tOutput an empty CIB
 -5, --md5-sum\t\tCalculate the on-disk CIB digest
 -6, --md5-sum-versioned\tCalculate an on-the-wire versioned CIB digest
 -S, --show-access[=value]\tWhether to use syntax highlighting for ACLs (with -Q/--query and -U/--user)

\tThat amounts to one of "color" (default for terminal), "text" (otherwise), "namespace", or "auto" (per former defaults).

Additional options:
 -f, --force\t
 -t, --timeout=value\tTime (in seconds) to wait before declaring the operation failed
 -U, --user=value\tRun the command with permissions of the named user (valid only for the root and hacluster accounts)
 -s, --sync-call\tWait for call to complete before returning
 -l, --local\t\tCommand takes effect locally (should be used only for queries)
 -c, --allow-create\t(Advanced) Allow target of --modify/-M to be created if it does not exist
 -n, --no-children\t(Advanced) When querying an object, do not include its children in the result

Data:
 -X, --xml-text=value\tRetrieve XML from the supplied string
 -x, --xml-file=value\tRetrieve XML from the named file
 -p, --xml-pipe\tRetrieve XML from stdin

 -o, --scope=value\tLimit scope of operation to specific section of CIB
\tValid values: configuration, nodes, resources, constraints, crm_config, rsc_defaults, op_defaults, acls, fencing-topology, tags, alerts
 -A, --xpath=value\tA valid XPath to use instead of --scope/-o
 -e, --node-path\tWhen performing XPath queries, return path of any matches found
\t(for example, "/cib/configuration/resources/clone[@id='ms_RH1_SCS']/primitive[@id='prm_RH1_SCS']")

 -N, --node=value\t(Advanced) Send command to the specified host


Examples:

Query the configuration from the local node:

\t# cibadmin --query --local

Query just the cluster options configuration:

\t# cibadmin --query --scope crm_config

Query all 'target-role' settings:

\t# cibadmin --query --xpath "//nvpair[@name='target-role']"

Remove all 'is-managed' settings:

\t# cibadmin --delete-all --xpath "//nvpair[@name='is-managed']"

Remove the resource named 'old':

\t# cibadmin --delete --xml-text '<primitive id="old"/>'

Remove all resources from the configuration:

\t# cibadmin --replace --scope resources --xml-text '<resources/>'

Replace complete configuration with contents of $HOME/pacemaker.xml:

\t# cibadmin --replace --xml-file $HOME/pacemaker.xml

Replace constraints section of configuration with contents of $HOME/constraints.xml:

\t# cibadmin --replace --scope constraints --xml-file $HOME/constraints.xml

Increase configuration version to prevent old configurations from being loaded accidentally:

\t# cibadmin --modify --xml-text '<cib admin_epoch="admin_epoch++"/>'

Edit the configuration with your favorite $EDITOR:

\t# cibadmin --query > $HOME/local.xml

\t# $EDITOR $HOME/local.xml

\t# cibadmin --replace --xml-file $HOME/local.xml

Assuming terminal, render configuration in color (green for writable, blue for readable, red for denied) to visualize permissions for user tony:

\t# cibadmin --show-access=color --query --user tony | less -r

SEE ALSO:
 crm(8), pcs(8), crm_shadow(8), crm_diff(8)

Report bugs to users@clusterlabs.org
"""
