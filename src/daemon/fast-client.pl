#!/usr/bin/perl
# integration-guard's fast hook client: `perl dist/integration-guard.pl hook [flags]` does what
# `node dist/integration-guard.cjs hook [flags]` does, faster (docs/daemon.md, "The fast client").
#
# An agent starts the hook on every tool call. A Node process costs a `node -e 0` (25-60 ms) before
# it reads a byte; perl starts in ~3 ms. So when this build's warm daemon is running, this script
# hands it the call (argv, hook env, cwd, the payload's bytes) and prints its answer; in every
# other case (no daemon, daemon off, an unsafe runtime dir, a payload too large, stdin too slow,
# any error or refusal) it runs the Node hook command with the same argv and the same stdin. It
# never judges anything itself, so both clients always give the same answer.
#
# Core perl only, and no module but strict: loading Socket alone costs ~7 ms, so the socket
# constants and the address layout are spelled out (Linux, macOS and the BSDs). The framing is
# src/daemon/protocol.ts's raw one; the daemon's side is src/daemon/raw.ts. The constants below
# mirror TypeScript ones, which test/daemon/fast-client.test.ts checks.
use strict;

# src/hook/io.ts HOOK_ENV_KEYS: the only environment variables the hook reads.
my @HOOK_ENV_KEYS = qw(CLAUDE_PROJECT_DIR GEMINI_PROJECT_DIR CURSOR_PROJECT_DIR);
# src/core/limits.ts MAX_DAEMON_PAYLOAD (bytes): larger payloads are judged by the Node command.
my $MAX_DAEMON_PAYLOAD = 6291456;
# Seconds: the Node command's stdin deadline, and src/daemon/client.ts's wait for an answer.
my $STDIN_TIMEOUT = 5;
my $ANSWER_TIMEOUT = 8;
# src/daemon/protocol.ts RAW_PREFIX.
my $RAW_PREFIX = "IG-RAW 1\n";

my $dist = $0 =~ m{^(.*)/[^/]*$} ? $1 : '.';
my $cjs = "$dist/integration-guard.cjs";

# The Node hook command in this process's place; stdin has not been read.
sub exec_node {
  exec('node', $cjs, @ARGV);
  print STDERR "integration-guard: cannot run node: $!\n";
  exit 1;
}

# The Node hook command on what was read of stdin (`$rest`: and on what is still to come). After a
# daemon that did not answer in time or in shape (`$not_daemon`), it must not wait for it again.
sub hand_to_node {
  my ($read, $rest, $not_daemon) = @_;
  alarm 0;
  $SIG{PIPE} = 'IGNORE';
  open(my $node, '|-', 'node', $cjs, @ARGV, $not_daemon ? ('--no-daemon') : ()) or do {
    print STDERR "integration-guard: cannot run node: $!\n";
    exit 1;
  };
  binmode $node;
  print $node $read;
  if ($rest) {
    # Until stdin ends, or stops flowing for the deadline, or node stopped reading.
    my $more;
    local $SIG{ALRM} = sub { die "stdin\n" };
    eval {
      while (1) {
        alarm $STDIN_TIMEOUT;
        my $got = sysread(STDIN, $more, 65536);
        last unless $got;
        print $node $more or last;
      }
    };
    alarm 0;
  }
  close $node;
  exit($? & 127 ? 1 : $? >> 8);
}

# A JSON string (the bytes as they are: the daemon reads them as UTF-8, as Node reads argv and env).
sub js {
  my ($v) = @_;
  $v =~ s/(["\\])/\\$1/g;
  $v =~ s/([\x00-\x1f\x7f])/sprintf('\\u%04x', ord $1)/ge;
  return qq("$v");
}

exec_node() unless @ARGV && $ARGV[0] eq 'hook' && ($^O eq 'linux' || $^O eq 'darwin' || $^O =~ /bsd$/);
exec_node() if ($ENV{INTEGRATION_GUARD_DAEMON} // '') eq '0' || grep { $_ eq '--no-daemon' } @ARGV;
exec_node() unless defined fileno(STDIN);

# The runtime dir as src/daemon/paths.ts finds it; used only if it is a 0700 directory of ours.
my $dir = $ENV{INTEGRATION_GUARD_RUNTIME_DIR} // '';
if ($dir eq '') {
  my $base = $ENV{XDG_RUNTIME_DIR} // '';
  ($base) = grep { defined && $_ ne '' } @ENV{qw(TMPDIR TMP TEMP)}, '/tmp' if $base eq '';
  $dir = "$base/integration-guard-$<";
}
my @dir_stat = lstat $dir;
exec_node() unless @dir_stat && -d _ && $dir_stat[4] == $< && ($dir_stat[2] & 077) == 0;

# This build's daemon (its key: dist/build-key), if one is listening.
open(my $key_file, '<', "$dist/build-key") or exec_node();
my $key = <$key_file> // '';
close $key_file;
$key =~ s/\s+//g;
exec_node() unless $key =~ /\A[0-9a-f]{16,64}\z/;
my $socket_path = "$dir/$key.sock";
exec_node() unless -S $socket_path;

# The physical cwd, as Node's process.cwd() gives it.
my $cwd;
if ($^O eq 'linux') {
  $cwd = readlink '/proc/self/cwd';
  undef $cwd if defined $cwd && $cwd =~ / \(deleted\)\z/;
} else {
  require Cwd;
  $cwd = Cwd::getcwd();
}
exec_node() unless defined $cwd && $cwd =~ m{\A/};

# AF_UNIX and SOCK_STREAM are 1 on all of them; BSD addresses start with their length.
my $address = $^O eq 'linux' ? pack('S', 1) . "$socket_path\0" : pack('CC', length($socket_path) + 3, 1) . "$socket_path\0";
socket(my $daemon, 1, 1, 0) or exec_node();
connect($daemon, $address) or exec_node();

binmode STDIN;
binmode STDOUT;
binmode STDERR;
$SIG{PIPE} = 'IGNORE';

# The payload: all of stdin, within the deadline and the size the daemon takes.
my $payload = '';
my $ended = 0;
{
  local $SIG{ALRM} = sub { die "stdin\n" };
  alarm $STDIN_TIMEOUT;
  eval {
    while (length $payload <= $MAX_DAEMON_PAYLOAD) {
      my $got = sysread(STDIN, $payload, 65536, length $payload);
      die "stdin\n" unless defined $got;
      if ($got == 0) {
        $ended = 1;
        last;
      }
    }
  };
  alarm 0;
}
# Too large: the Node command reads the rest. Too slow, or unreadable: it says so as it would.
hand_to_node($payload, length $payload > $MAX_DAEMON_PAYLOAD) unless $ended;

my $header = sprintf('{"key":%s,"argv":[%s],"env":{%s},"cwd":%s}',
  js($key),
  join(',', map { js($_) } @ARGV[1 .. $#ARGV]),
  join(',', map { js($_) . ':' . js($ENV{$_}) } grep { defined $ENV{$_} } @HOOK_ENV_KEYS),
  js($cwd));

my $answer = '';
{
  local $SIG{ALRM} = sub { die "daemon\n" };
  alarm $ANSWER_TIMEOUT;
  my $ok = eval {
    my $request = "$RAW_PREFIX$header\n$payload";
    my $sent = 0;
    while ($sent < length $request) {
      my $wrote = syswrite($daemon, $request, length($request) - $sent, $sent);
      die "daemon\n" unless $wrote;
      $sent += $wrote;
    }
    shutdown($daemon, 1);
    while (1) {
      my $got = sysread($daemon, $answer, 65536, length $answer);
      die "daemon\n" unless defined $got;
      last if $got == 0;
    }
    1;
  };
  alarm 0;
  hand_to_node($payload, 0, 1) unless $ok;
}

# `<exit code> <stdout bytes> <stderr bytes>`, then both. A refusal (`ERR stale`: another build's
# daemon) goes to the Node command, which may start this build's; anything else is garbled.
if ($answer =~ /\A(\d+) (\d+) (\d+)\n/ && length($answer) == $+[0] + $2 + $3) {
  my ($code, $out_bytes, $err_bytes, $at) = ($1, $2, $3, $+[0]);
  # In the Node command's order: stderr, then stdout.
  print STDERR substr($answer, $at + $out_bytes, $err_bytes);
  print STDOUT substr($answer, $at, $out_bytes);
  close STDOUT;
  exit $code;
}
hand_to_node($payload, 0, $answer !~ /\AERR [a-z-]+\n\z/);
