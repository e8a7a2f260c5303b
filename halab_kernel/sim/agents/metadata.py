"""Metadata of the agents a course cluster uses, as the installed agents declare it.

Real pcs asks `crm_resource --show-metadata` (and `stonith_admin --metadata`)
before it writes a resource into the CIB: required parameters, allowed names,
default operations all come from there. The simulator has no agents on disk,
so it carries the same facts as data. The values below were read from the
agents Debian bookworm installs (resource-agents 4.12, pacemaker 2.1.5,
fence-agents 4.12); `fence_xvm` (package fence-virt, not installed on the
reference machine) follows its documented metadata; `systemd:<unit>`
follows the metadata Pacemaker generates for any unit.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AgentParameter:
    """One `<parameter>` of an agent's metadata."""

    name: str
    shortdesc: str
    required: bool = False
    unique: bool = False
    default: str | None = None
    content_type: str = "string"
    deprecated: bool = False
    obsoletes: str | None = None


@dataclass(frozen=True)
class AgentAction:
    """One `<action>`: pcs turns these into the resource's default operations."""

    name: str
    timeout: str | None = None
    interval: str | None = None
    role: str | None = None
    depth: str | None = None
    start_delay: str | None = None


class AgentName:
    """The parts of a full agent name `standard[:provider]:type` held in `self.name`."""

    name: str

    @property
    def standard(self) -> str:
        return self.name.split(":", 1)[0]

    @property
    def provider(self) -> str | None:
        parts = self.name.split(":")
        return parts[1] if len(parts) == 3 else None

    @property
    def type(self) -> str:
        return self.name.rsplit(":", 1)[-1]


@dataclass(frozen=True)
class AgentMetadata(AgentName):
    """Everything pcs needs to validate and create a resource of one agent."""

    name: str  # full name: "ocf:heartbeat:IPaddr2", "stonith:fence_xvm", "systemd:nginx"
    shortdesc: str
    parameters: tuple[AgentParameter, ...]
    actions: tuple[AgentAction, ...]

    @property
    def is_stonith(self) -> bool:
        return self.standard == "stonith"

    def parameter(self, name: str) -> AgentParameter | None:
        return next((p for p in self.parameters if p.name == name), None)


def _param(name: str, shortdesc: str, **options: object) -> AgentParameter:
    return AgentParameter(name, shortdesc, **options)  # type: ignore[arg-type]


def _action(name: str, **options: str) -> AgentAction:
    return AgentAction(name, **options)


def _agent(
    name: str,
    shortdesc: str,
    parameters: tuple[AgentParameter, ...],
    actions: tuple[AgentAction, ...],
) -> AgentMetadata:
    return AgentMetadata(name, shortdesc, parameters, actions)


_AGENTS: dict[str, AgentMetadata] = {
    'ocf:pacemaker:Dummy': _agent(
        'ocf:pacemaker:Dummy',
        'Example stateless resource agent',
        parameters=(
            _param('state', 'State file', unique=True, default='/var/run/Dummy-Dummy.state'),
            _param('passwd', 'Password'),
            _param('fake', 'Fake attribute that can be changed to cause an agent reload', default='dummy'),
            _param('op_sleep', 'Operation sleep duration in seconds.', default='0'),
            _param('fail_start_on', 'Report bogus start failure on specified host'),
            _param('envfile', 'Environment dump file'),
        ),
        actions=(
            _action('start', timeout='20s'),
            _action('stop', timeout='20s'),
            _action('monitor', timeout='20s', interval='10s', depth='0'),
            _action('reload', timeout='20s'),
            _action('reload-agent', timeout='20s'),
            _action('migrate_to', timeout='20s'),
            _action('migrate_from', timeout='20s'),
            _action('validate-all', timeout='20s'),
            _action('meta-data', timeout='5s'),
        ),
    ),
    'ocf:heartbeat:Dummy': _agent(
        'ocf:heartbeat:Dummy',
        'Example stateless resource agent',
        parameters=(
            _param('state', 'State file', unique=True, default='/run/resource-agents/Dummy-Dummy.state'),
            _param('fake', 'Fake attribute that can be changed to cause a reload', default='dummy'),
        ),
        actions=(
            _action('start', timeout='20s'),
            _action('stop', timeout='20s'),
            _action('monitor', timeout='20s', interval='10s', depth='0'),
            _action('reload', timeout='20s'),
            _action('migrate_to', timeout='20s'),
            _action('migrate_from', timeout='20s'),
            _action('meta-data', timeout='5s'),
            _action('validate-all', timeout='20s'),
        ),
    ),
    'ocf:heartbeat:IPaddr2': _agent(
        'ocf:heartbeat:IPaddr2',
        'Manages virtual IPv4 and IPv6 addresses (Linux specific version)',
        parameters=(
            _param('ip', 'IPv4 or IPv6 address', required=True, unique=True),
            _param('nic', 'Network interface'),
            _param('cidr_netmask', 'CIDR netmask'),
            _param('broadcast', 'Broadcast address'),
            _param('iflabel', 'Interface label'),
            _param('lvs_support', 'Enable support for LVS DR', default='false', content_type='boolean'),
            _param('lvs_ipv6_addrlabel', 'Enable adding IPv6 address label.', default='false', content_type='boolean'),
            _param('lvs_ipv6_addrlabel_value', 'IPv6 address label value.', default='99', content_type='integer'),
            _param('mac', 'Cluster IP MAC address'),
            _param('clusterip_hash', 'Cluster IP hashing function', default='sourceip-sourceport'),
            _param('unique_clone_address', 'Create a unique address for cloned instances', default='false', content_type='boolean'),
            _param('arp_interval', 'ARP/NA packet interval in ms (deprecated)', default='200', content_type='integer'),
            _param('arp_count', 'ARP/NA packet count sent during initialization', default='5', content_type='integer'),
            _param('arp_count_refresh', 'ARP packet count sent during monitoring', default='0', content_type='integer'),
            _param('arp_bg', 'ARP/NA from background'),
            _param('arp_sender', 'ARP sender'),
            _param('send_arp_opts', 'Options for ARP sender'),
            _param('flush_routes', 'Flush kernel routing table on stop', default='false', content_type='boolean'),
            _param('run_arping', 'Run arping for IPv4 collision detection check', default='false'),
            _param('nodad', 'Use nodad flag', default='false'),
            _param('noprefixroute', 'Use noprefixroute flag', default='false'),
            _param('preferred_lft', 'IPv6 preferred lifetime', default='forever'),
            _param('network_namespace', 'Network namespace to use'),
        ),
        actions=(
            _action('start', timeout='20s'),
            _action('stop', timeout='20s'),
            _action('status', timeout='20s', interval='10s', depth='0'),
            _action('monitor', timeout='20s', interval='10s', depth='0'),
            _action('meta-data', timeout='5s'),
            _action('validate-all', timeout='20s'),
        ),
    ),
    'ocf:heartbeat:apache': _agent(
        'ocf:heartbeat:apache',
        'Manages an Apache Web server instance',
        parameters=(
            _param('configfile', 'configuration file path', unique=True, default='/etc/httpd/conf/httpd.conf'),
            _param('httpd', 'httpd binary path', default='/usr/sbin/httpd'),
            _param('port', 'httpd port', content_type='integer'),
            _param('statusurl', 'url name'),
            _param('testregex', 'monitor regular expression', default='exists, but impossible to show in a human readable format (try grep testregex)'),
            _param('client', 'http client'),
            _param('testurl', 'test url'),
            _param('testregex10', 'extended monitor regular expression'),
            _param('testconffile', 'test configuration file'),
            _param('testname', 'test name'),
            _param('options', 'command line options'),
            _param('envfiles', 'environment settings files', default='/etc/apache2/envvars'),
            _param('use_ipv6', 'use ipv6 with http clients', default='false', content_type='boolean'),
        ),
        actions=(
            _action('start', timeout='40s'),
            _action('stop', timeout='60s'),
            _action('status', timeout='30s'),
            _action('monitor', timeout='20s', interval='10s', depth='0'),
            _action('meta-data', timeout='5s'),
            _action('validate-all', timeout='5s'),
        ),
    ),
    'ocf:heartbeat:Filesystem': _agent(
        'ocf:heartbeat:Filesystem',
        'Manages filesystem mounts',
        parameters=(
            _param('device', 'block device', required=True),
            _param('directory', 'mount point', required=True),
            _param('fstype', 'filesystem type', required=True),
            _param('options', 'options'),
            _param('statusfile_prefix', 'status file prefix', default='.Filesystem_status/'),
            _param('run_fsck', 'run_fsck', default='auto'),
            _param('fast_stop', 'fast stop', default='no', content_type='boolean'),
            _param('force_clones', 'allow running as a clone, regardless of filesystem type', default='false', content_type='boolean'),
            _param('force_unmount', 'Kill processes before unmount', default='true', content_type='boolean'),
        ),
        actions=(
            _action('start', timeout='60s'),
            _action('stop', timeout='60s'),
            _action('monitor', timeout='40s', interval='20s', depth='0'),
            _action('validate-all', timeout='5s'),
            _action('meta-data', timeout='5s'),
        ),
    ),
    'ocf:pacemaker:Stateful': _agent(
        'ocf:pacemaker:Stateful',
        'Example stateful resource agent',
        parameters=(
            _param('state', 'State file', unique=True, default='/var/run/Stateful-Stateful.state'),
            _param('envfile', 'Environment dump file'),
            _param('notify_delay', 'Notify delay in seconds'),
        ),
        actions=(
            _action('start', timeout='20s'),
            _action('stop', timeout='20s'),
            _action('monitor', timeout='20s', interval='10s', role='Promoted', depth='0'),
            _action('monitor', timeout='20s', interval='11s', role='Unpromoted', depth='0'),
            _action('promote', timeout='10s'),
            _action('demote', timeout='10s'),
            _action('notify', timeout='5s'),
            _action('meta-data', timeout='5s'),
            _action('reload-agent', timeout='10s'),
            _action('validate-all', timeout='30s'),
        ),
    ),
    'stonith:fence_virsh': _agent(
        'stonith:fence_virsh',
        'Fence agent for virsh',
        parameters=(
            _param('action', 'Fencing action', required=True, default='reboot'),
            _param('cmd_prompt', 'Force Python regex for command prompt', default="['\\\\[EXPECT\\\\]#']", deprecated=True),
            _param('command_prompt', 'Force Python regex for command prompt', default="['\\\\[EXPECT\\\\]#']", obsoletes='cmd_prompt'),
            _param('identity_file', 'Identity file (private key) for SSH'),
            _param('inet4_only', 'Forces agent to use IPv4 addresses only', content_type='boolean'),
            _param('inet6_only', 'Forces agent to use IPv6 addresses only', content_type='boolean'),
            _param('ip', 'IP address or hostname of fencing device', required=True, obsoletes='ipaddr'),
            _param('ipaddr', 'IP address or hostname of fencing device', required=True, deprecated=True),
            _param('ipport', 'TCP/UDP port to use for connection with device', default='22', content_type='integer'),
            _param('login', 'Login name', required=True, deprecated=True),
            _param('passwd', 'Login password or passphrase', deprecated=True),
            _param('passwd_script', 'Script to run to retrieve password', deprecated=True),
            _param('password', 'Login password or passphrase', obsoletes='passwd'),
            _param('password_script', 'Script to run to retrieve password', obsoletes='passwd_script'),
            _param('plug', 'Physical plug number on device, UUID or identification of machine', required=True, obsoletes='port'),
            _param('port', 'Physical plug number on device, UUID or identification of machine', required=True, deprecated=True),
            _param('secure', 'Use SSH connection', default='1', content_type='boolean', deprecated=True),
            _param('ssh', 'Use SSH connection', default='1', content_type='boolean', obsoletes='secure'),
            _param('ssh_options', 'SSH options to use', default='-t \'/bin/bash -c "PS1=\\\\[EXPECT\\\\]# /bin/bash --noprofile --norc"\''),
            _param('username', 'Login name', required=True, obsoletes='login'),
            _param('quiet', 'Disable logging to stderr. Does not affect --verbose or --debug-file or logging to syslog.', content_type='boolean'),
            _param('verbose', 'Verbose mode. Multiple -v flags can be stacked on the command line (e.g., -vvv) to increase verbosity.', content_type='boolean'),
            _param('verbose_level', 'Level of debugging detail in output. Defaults to the number of --verbose flags specified on the command line, or to 1 if verbose=1 in a stonith device configuration (i.e., on stdin).', content_type='integer'),
            _param('debug', 'Write debug information to given file', deprecated=True),
            _param('debug_file', 'Write debug information to given file', obsoletes='debug'),
            _param('version', 'Display version information and exit', content_type='boolean'),
            _param('help', 'Display help and exit', content_type='boolean'),
            _param('plug_separator', 'Separator for plug parameter when specifying more than 1 plug', default=','),
            _param('separator', "Separator for CSV created by 'list' operation", default=','),
            _param('delay', 'Wait X seconds before fencing is started', default='0', content_type='second'),
            _param('disable_timeout', 'Disable timeout (true/false) (default: true when run from Pacemaker 2.0+)'),
            _param('login_timeout', 'Wait X seconds for cmd prompt after login', default='5', content_type='second'),
            _param('missing_as_off', 'Missing port returns OFF instead of failure', content_type='boolean'),
            _param('power_timeout', 'Test X seconds for status change after ON/OFF', default='20', content_type='second'),
            _param('power_wait', 'Wait X seconds after issuing ON/OFF', default='0', content_type='second'),
            _param('shell_timeout', 'Wait X seconds for cmd prompt after issuing command', default='3', content_type='second'),
            _param('stonith_status_sleep', 'Sleep X seconds between status calls during a STONITH action', default='1', content_type='second'),
            _param('retry_on', 'Count of attempts to retry power on', default='1', content_type='integer'),
            _param('sudo', 'Use sudo (without password) when calling 3rd party software', content_type='boolean', deprecated=True),
            _param('use_sudo', 'Use sudo (without password) when calling 3rd party software', content_type='boolean', obsoletes='sudo'),
            _param('ssh_path', 'Path to ssh binary', default='/usr/bin/ssh'),
            _param('sudo_path', 'Path to sudo binary', default='/usr/bin/sudo'),
        ),
        actions=(
            _action('on'),
            _action('off'),
            _action('reboot'),
            _action('status'),
            _action('list'),
            _action('list-status'),
            _action('monitor'),
            _action('metadata'),
            _action('manpage'),
            _action('validate-all'),
        ),
    ),
    'stonith:fence_ipmilan': _agent(
        'stonith:fence_ipmilan',
        'Fence agent for IPMI',
        parameters=(
            _param('action', 'Fencing action', required=True, default='reboot'),
            _param('auth', 'IPMI Lan Auth type.', content_type='select'),
            _param('cipher', 'Ciphersuite to use (same as ipmitool -C parameter)'),
            _param('hexadecimal_kg', 'Hexadecimal-encoded Kg key for IPMIv2 authentication'),
            _param('ip', 'IP address or hostname of fencing device', obsoletes='ipaddr'),
            _param('ipaddr', 'IP address or hostname of fencing device', deprecated=True),
            _param('ipport', 'TCP/UDP port to use for connection with device', default='623', content_type='integer'),
            _param('lanplus', 'Use Lanplus to improve security of connection', default='0', content_type='boolean'),
            _param('login', 'Login name', deprecated=True),
            _param('method', 'Method to fence', default='onoff', content_type='select'),
            _param('passwd', 'Login password or passphrase', deprecated=True),
            _param('passwd_script', 'Script to run to retrieve password', deprecated=True),
            _param('password', 'Login password or passphrase', obsoletes='passwd'),
            _param('password_script', 'Script to run to retrieve password', obsoletes='passwd_script'),
            _param('plug', 'IP address or hostname of fencing device (together with --port-as-ip)', obsoletes='port'),
            _param('port', 'IP address or hostname of fencing device (together with --port-as-ip)', deprecated=True),
            _param('privlvl', 'Privilege level on IPMI device', default='administrator', content_type='select'),
            _param('target', 'Bridge IPMI requests to the remote target address'),
            _param('username', 'Login name', obsoletes='login'),
            _param('quiet', 'Disable logging to stderr. Does not affect --verbose or --debug-file or logging to syslog.', content_type='boolean'),
            _param('verbose', 'Verbose mode. Multiple -v flags can be stacked on the command line (e.g., -vvv) to increase verbosity.', content_type='boolean'),
            _param('verbose_level', 'Level of debugging detail in output. Defaults to the number of --verbose flags specified on the command line, or to 1 if verbose=1 in a stonith device configuration (i.e., on stdin).', content_type='integer'),
            _param('debug', 'Write debug information to given file', deprecated=True),
            _param('debug_file', 'Write debug information to given file', obsoletes='debug'),
            _param('version', 'Display version information and exit', content_type='boolean'),
            _param('help', 'Display help and exit', content_type='boolean'),
            _param('plug_separator', 'Separator for plug parameter when specifying more than 1 plug', default=','),
            _param('delay', 'Wait X seconds before fencing is started', default='0', content_type='second'),
            _param('disable_timeout', 'Disable timeout (true/false) (default: true when run from Pacemaker 2.0+)'),
            _param('ipmitool_path', 'Path to ipmitool binary', default='/usr/bin/ipmitool'),
            _param('login_timeout', 'Wait X seconds for cmd prompt after login', default='5', content_type='second'),
            _param('port_as_ip', 'Make "port/plug" to be an alias to IP address', content_type='boolean'),
            _param('power_timeout', 'Test X seconds for status change after ON/OFF', default='20', content_type='second'),
            _param('power_wait', 'Wait X seconds after issuing ON/OFF', default='2', content_type='second'),
            _param('shell_timeout', 'Wait X seconds for cmd prompt after issuing command', default='3', content_type='second'),
            _param('stonith_status_sleep', 'Sleep X seconds between status calls during a STONITH action', default='1', content_type='second'),
            _param('ipmitool_timeout', 'Timeout (sec) for IPMI operation', default='2'),
            _param('retry_on', 'Count of attempts to retry power on', default='1', content_type='integer'),
            _param('sudo', 'Use sudo (without password) when calling 3rd party software', content_type='boolean', deprecated=True),
            _param('use_sudo', 'Use sudo (without password) when calling 3rd party software', content_type='boolean', obsoletes='sudo'),
            _param('sudo_path', 'Path to sudo binary', default='/usr/bin/sudo'),
        ),
        actions=(
            _action('on'),
            _action('off'),
            _action('reboot'),
            _action('status'),
            _action('monitor'),
            _action('metadata'),
            _action('manpage'),
            _action('validate-all'),
            _action('diag'),
        ),
    ),
    'stonith:fence_dummy': _agent(
        'stonith:fence_dummy',
        'Dummy fence agent',
        parameters=(
            _param('action', 'Fencing action', required=True, default='reboot'),
            _param('random_sleep_range', 'Issue a sleep between 1 and X seconds. Used for testing.'),
            _param('status_file', 'File with status', default='/tmp/fence_dummy.status'),
            _param('type', 'Type of the dummy fence agent', default='file'),
            _param('quiet', 'Disable logging to stderr. Does not affect --verbose or --debug-file or logging to syslog.', content_type='boolean'),
            _param('verbose', 'Verbose mode. Multiple -v flags can be stacked on the command line (e.g., -vvv) to increase verbosity.', content_type='boolean'),
            _param('verbose_level', 'Level of debugging detail in output. Defaults to the number of --verbose flags specified on the command line, or to 1 if verbose=1 in a stonith device configuration (i.e., on stdin).', content_type='integer'),
            _param('debug', 'Write debug information to given file', deprecated=True),
            _param('debug_file', 'Write debug information to given file', obsoletes='debug'),
            _param('version', 'Display version information and exit', content_type='boolean'),
            _param('help', 'Display help and exit', content_type='boolean'),
            _param('plug_separator', 'Separator for plug parameter when specifying more than 1 plug', default=','),
            _param('delay', 'Wait X seconds before fencing is started', default='0', content_type='second'),
            _param('disable_timeout', 'Disable timeout (true/false) (default: true when run from Pacemaker 2.0+)'),
            _param('login_timeout', 'Wait X seconds for cmd prompt after login', default='5', content_type='second'),
            _param('power_timeout', 'Test X seconds for status change after ON/OFF', default='20', content_type='second'),
            _param('power_wait', 'Wait X seconds after issuing ON/OFF', default='0', content_type='second'),
            _param('shell_timeout', 'Wait X seconds for cmd prompt after issuing command', default='3', content_type='second'),
            _param('stonith_status_sleep', 'Sleep X seconds between status calls during a STONITH action', default='1', content_type='second'),
            _param('retry_on', 'Count of attempts to retry power on', default='1', content_type='integer'),
        ),
        actions=(
            _action('on'),
            _action('off'),
            _action('reboot'),
            _action('status'),
            _action('monitor'),
            _action('metadata'),
            _action('manpage'),
            _action('validate-all'),
        ),
    ),
    'stonith:fence_sbd': _agent(
        'stonith:fence_sbd',
        'Fence agent for sbd',
        parameters=(
            _param('action', 'Fencing action', required=True, default='reboot'),
            _param('devices', 'SBD Device', required=True),
            _param('method', 'Method to fence', default='cycle', content_type='select'),
            _param('plug', 'Physical plug number on device, UUID or identification of machine', required=True, obsoletes='port'),
            _param('port', 'Physical plug number on device, UUID or identification of machine', required=True, deprecated=True),
            _param('quiet', 'Disable logging to stderr. Does not affect --verbose or --debug-file or logging to syslog.', content_type='boolean'),
            _param('verbose', 'Verbose mode. Multiple -v flags can be stacked on the command line (e.g., -vvv) to increase verbosity.', content_type='boolean'),
            _param('verbose_level', 'Level of debugging detail in output. Defaults to the number of --verbose flags specified on the command line, or to 1 if verbose=1 in a stonith device configuration (i.e., on stdin).', content_type='integer'),
            _param('debug', 'Write debug information to given file', deprecated=True),
            _param('debug_file', 'Write debug information to given file', obsoletes='debug'),
            _param('version', 'Display version information and exit', content_type='boolean'),
            _param('help', 'Display help and exit', content_type='boolean'),
            _param('plug_separator', 'Separator for plug parameter when specifying more than 1 plug', default=','),
            _param('separator', "Separator for CSV created by 'list' operation", default=','),
            _param('delay', 'Wait X seconds before fencing is started', default='0', content_type='second'),
            _param('disable_timeout', 'Disable timeout (true/false) (default: true when run from Pacemaker 2.0+)'),
            _param('login_timeout', 'Wait X seconds for cmd prompt after login', default='5', content_type='second'),
            _param('power_timeout', 'Test X seconds for status change after ON/OFF', default='30', content_type='second'),
            _param('power_wait', 'Wait X seconds after issuing ON/OFF', default='0', content_type='second'),
            _param('sbd_path', 'Path to SBD binary', default='/usr/sbin/sbd'),
            _param('shell_timeout', 'Wait X seconds for cmd prompt after issuing command', default='3', content_type='second'),
            _param('stonith_status_sleep', 'Sleep X seconds between status calls during a STONITH action', default='1', content_type='second'),
            _param('retry_on', 'Count of attempts to retry power on', default='1', content_type='integer'),
        ),
        actions=(
            _action('on'),
            _action('off'),
            _action('reboot'),
            _action('status'),
            _action('list'),
            _action('list-status'),
            _action('monitor'),
            _action('metadata'),
            _action('manpage'),
            _action('validate-all'),
        ),
    ),
    'stonith:fence_xvm': _agent(
        'stonith:fence_xvm',
        'Fence agent for virtual machines',
        parameters=(
            _param('debug', 'Specify (stdin) or increment (command line) debug level'),
            _param('ip_family', 'IP Family ([auto], ipv4, ipv6)', default='auto'),
            _param('multicast_address', 'Multicast address (default=225.0.0.12 / ff05::3:1)'),
            _param('ipport', 'TCP, Multicast, VMChannel, or VM socket port (default=1229)', default='1229'),
            _param('retrans', 'Multicast retransmit time (in 1/10sec; default=20)', default='20'),
            _param('auth', 'Authentication (none, sha1, [sha256], sha512)', default='sha256'),
            _param('hash', 'Packet hash strength (none, sha1, [sha256], sha512)', default='sha256'),
            _param('key_file', 'Shared key file (default=/etc/cluster/fence_xvm.key)', default='/etc/cluster/fence_xvm.key'),
            _param('port', 'Virtual Machine (domain name) to fence'),
            _param('use_uuid', 'Treat [domain] as UUID instead of domain name. This is provided for compatibility with older fence_xvmd installations.'),
            _param('timeout', 'Fencing timeout (in seconds; default=30)', default='30'),
            _param('delay', 'Fencing delay (in seconds; default=0)', default='0'),
            _param('domain', 'Virtual Machine (domain name) to fence (deprecated; use port)', deprecated=True),
        ),
        actions=(
            _action('null'),
            _action('on'),
            _action('off'),
            _action('reboot'),
            _action('metadata'),
            _action('status'),
            _action('monitor'),
            _action('list'),
        ),
    ),
}

# The parameters pacemaker-fenced adds to every fence device (pcmk_host_list, ...).
FENCED_PARAMETERS: tuple[str, ...] = (
    "pcmk_host_argument", "pcmk_host_map", "pcmk_host_list", "pcmk_host_check",
    "pcmk_delay_max", "pcmk_delay_base", "pcmk_action_limit",
    "pcmk_reboot_action", "pcmk_reboot_timeout", "pcmk_reboot_retries",
    "pcmk_off_action", "pcmk_off_timeout", "pcmk_off_retries",
    "pcmk_on_action", "pcmk_on_timeout", "pcmk_on_retries",
    "pcmk_list_action", "pcmk_list_timeout", "pcmk_list_retries",
    "pcmk_monitor_action", "pcmk_monitor_timeout", "pcmk_monitor_retries",
    "pcmk_status_action", "pcmk_status_timeout", "pcmk_status_retries",
)


def _systemd_agent(unit: str) -> AgentMetadata:
    """Pacemaker answers metadata for any systemd unit with this fixed shape."""
    return AgentMetadata(
        f"systemd:{unit}",
        f"systemd unit file for {unit}",
        parameters=(),
        actions=(
            AgentAction("start", timeout="100"),
            AgentAction("stop", timeout="100"),
            AgentAction("status", timeout="100"),
            AgentAction("monitor", timeout="100", interval="60"),
            AgentAction("meta-data", timeout="5"),
        ),
    )


def _all_agents() -> dict[str, AgentMetadata]:
    from halab_kernel.sim.agents.connectivity import CONNECTIVITY_AGENTS  # ping, attribute (they import us)

    return {**_AGENTS, **CONNECTIVITY_AGENTS}


def known_agent_names() -> tuple[str, ...]:
    """Full names of the agents with fixed metadata (the systemd units the simulator runs come on demand)."""
    return tuple(_all_agents())


def find_agent(full_name: str) -> AgentMetadata | None:
    """Metadata of `standard:provider:type` / `stonith:type` / `systemd:unit` (a unit the simulator runs,
    units.SIMULATED_UNITS), or None."""
    from halab_kernel.sim.agents.units import simulated_unit

    if full_name.startswith("systemd:") and len(full_name) > len("systemd:"):
        unit = full_name[len("systemd:"):]
        return _systemd_agent(unit) if ":" not in unit and simulated_unit(unit) else None
    return _all_agents().get(full_name)
