/*
 * sh_lang: the shell's words -- quoting, parameters ($1 $# $@ $* ${x:-w}
 * ${x%%pat} ...), arithmetic, command substitution, field splitting with
 * $IFS, globbing, here-documents, tilde, comments and line joining.
 * Each case's output was captured from dash; the table runs unchanged
 * on the Linux host (sh_cases.h).
 */
#include "check.h"
#include "capture.h"
#include "sh_cases.h"

static const struct sh_case cases[] = {
    { "echo a b   c; echo \"a  b\" 'c  d' e\\ f",
      "a b c\n" "a  b c  d e f\n", 0 },
    { "echo 'it'\"'\"'s' \"dq 'sq' inside\" 'sq \"dq\" inside'",
      "it's dq 'sq' inside sq \"dq\" inside\n", 0 },
    { "echo \"a;b|c>d\" 'e&f<g' \\; \\| \\&",
      "a;b|c>d e&f<g ; | &\n", 0 },
    { "x=hello; echo $x ${x} \"${x}\" '${x}' \\$x \"\\$x\"",
      "hello hello hello ${x} $x $x\n", 0 },
    { "a=1; b=2; echo \"$a$b\" \"${a}x${b}\" $a-$b",
      "12 1x2 1-2\n", 0 },
    { "echo $# \"$1\" \"$2\" $0",
      "2 a1 b 2 name\n", 0 },
    { "for a in \"$@\"; do echo \"[$a]\"; done; for a in $@; do echo \"<$a>\"; done; for a in \"$*\"; do echo \"{$a}\"; done",
      "[a1]\n" "[b 2]\n" "<a1>\n" "<b>\n" "<2>\n" "{a1 b 2}\n", 0 },
    { "set --; for a in \"$@\"; do echo none; done; echo \"n=$#\"",
      "n=0\n", 0 },
    { "set -- \"\" a; for a in \"$@\"; do echo \"[$a]\"; done; echo $#",
      "[]\n" "[a]\n" "2\n", 0 },
    { "set -- 1 2 3; echo \"$@\" \"$#\"; echo \"${@}\"; echo ${*}; IFS=-; echo \"$*\"",
      "1 2 3 3\n" "1 2 3\n" "1 2 3\n" "1-2-3\n", 0 },
    { "set -- a b c d; shift; echo $*; shift 2; echo $# $1",
      "b c d\n" "1 d\n", 0 },
    { "echo ${1} ${2} ${10-ten-unset} ${#} ${#1}",
      "a1 b 2 ten-unset 2 2\n", 0 },
    { "echo ${u:-def} ${u-def2} \"${u:+alt}\" x; u=; echo \"${u:-d}\" \"${u-d}\" \"[${u:+a}]\"; v=val; echo ${v:+alt} ${v:-d}",
      "def def2  x\n" "d  []\n" "alt val\n", 0 },
    { "echo ${w:=assigned}; echo $w; : ${w2:=second}; echo $w2",
      "assigned\n" "assigned\n" "second\n", 0 },
    { "s=/usr/lib/file.tar.gz; echo ${s%.*} ${s%%.*} ${s#*/} ${s##*/} ${#s}",
      "/usr/lib/file.tar /usr/lib/file usr/lib/file.tar.gz file.tar.gz 20\n", 0 },
    { "v=abc; echo ${v#a} ${v%c} ${v#x} \"[${v%%*}]\" \"[${v##*}]\" ${v%?}",
      "bc ab abc [] [] ab\n", 0 },
    { "echo \"${x-\"quoted default\"}\"; for w in ${x-\"a  b\"}; do echo \"<$w>\"; done",
      "quoted default\n" "<a  b>\n", 0 },
    { "echo ${x:-$(echo from-subst)} ${y:-$((2+3))}",
      "from-subst 5\n", 0 },
    { "echo $((1+2)) $((10/3)) $((10%3)) $((2*(3+4))) $((1<<4)) $((5>3)) $((1&&0)) $((0||2)) $((-3)) $((~0)) $((7==7?10:20))",
      "3 3 1 14 16 1 0 1 -3 -1 10\n", 0 },
    { "echo $((0x10 + 010)) $(( 5 - -2 )) $((2>1 && 3>2)) $((3!=3)) $((6&3)) $((6|3)) $((6^3)) $((-7/2)) $((-7%2))",
      "24 7 1 0 2 7 5 -3 -1\n", 0 },
    { "i=0; while [ $i -lt 5 ]; do i=$((i+1)); done; echo $i; : $((j=5)); echo $j; k=3; echo $((k*=2)) $k $((k+=1)) $k",
      "5\n" "5\n" "6 6 7 7\n", 0 },
    { "x=10; echo $((x)) $(($x+1)) $((x>5?1:0)) $(( x * x ))",
      "10 11 1 100\n", 0 },
    { "echo $(( 3 + $(echo 4) ))",
      "7\n", 0 },
    { "echo $(echo a; echo b) \"$(echo a; echo b)\"",
      "a b a\n" "b\n", 0 },
    { "x=$(echo \"a\n" "\n" "\"); echo \"[$x]\"",
      "[a]\n", 0 },
    { "x=$(false); echo $?; x=$(true); echo $?; x=$(exit 3); echo $?",
      "1\n" "0\n" "3\n", 0 },
    { "echo `echo backquotes` \"`echo in dq`\" `echo \\`echo nested\\``",
      "backquotes in dq nested\n", 0 },
    { "echo \"$(echo \"nested \\\"quotes\\\"\")\"",
      "nested \"quotes\"\n", 0 },
    { "echo $(case a in a) echo case-in-subst;; esac)",
      "case-in-subst\n", 0 },
    { "f() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(f $(($1 - 1))) )); fi; }; f 5",
      "120\n", 0 },
    { "x=\"  a   b  \"; for i in $x; do echo \"[$i]\"; done; echo \"[$x]\"",
      "[a]\n" "[b]\n" "[  a   b  ]\n", 0 },
    { "IFS=:; x=a:b::c; for i in $x; do echo \"[$i]\"; done",
      "[a]\n" "[b]\n" "[]\n" "[c]\n", 0 },
    { "IFS=', '; x='a, b,c  d'; for i in $x; do echo \"[$i]\"; done",
      "[a]\n" "[b]\n" "[c]\n" "[d]\n", 0 },
    { "IFS=; x='a b'; for i in $x; do echo \"[$i]\"; done",
      "[a b]\n", 0 },
    { "y=\"a b\"; set -- $y; echo $#; set -- \"$y\"; echo $#",
      "2\n" "1\n", 0 },
    { "echo g/*.c; echo g/*; echo g/?.h; echo g/[ab].c; echo g/[!a].c; echo g/*/x.c",
      "g/a.c g/b.c\n" "g/a.c g/b.c g/c.h g/sub\n" "g/c.h\n" "g/a.c g/b.c\n" "g/b.c\n" "g/sub/x.c\n", 0 },
    { "echo \"g/*.c\" 'g/*' g/\\*.c; echo g/nomatch*; echo g/.*",
      "g/*.c g/* g/*.c\n" "g/nomatch*\n" "g/. g/.. g/.hidden\n", 0 },
    { "x='g/*.c'; echo $x \"$x\"; set -f; echo $x; set +f; echo g/[a-b].*",
      "g/a.c g/b.c g/*.c\n" "g/*.c\n" "g/a.c g/b.c\n", 0 },
    { "case hello in h*o) echo 1;; *) echo 2;; esac; case \"a*\" in 'a*') echo lit;; esac; case ab in \"a*\") echo no;; a*) echo glob;; esac",
      "1\n" "lit\n" "glob\n", 0 },
    { "case 5 in [0-9]) echo digit;; esac; case b in [!a]) echo nota;; esac; case x in [[:alpha:]]) echo alpha;; esac; case . in ?) echo any;; esac",
      "digit\n" "nota\n" "alpha\n" "any\n", 0 },
    { "cat <<EOF\n" "home is $HOME\n" "  $((1+1)) $(echo cmd)\n" "EOF",
      "home is /tmp\n" "  2 cmd\n", 0 },
    { "cat <<'EOF'\n" "no $HOME expansion $(echo no)\n" "EOF\n" "cat <<\"E2\"\n" "also literal $HOME\n" "E2",
      "no $HOME expansion $(echo no)\n" "also literal $HOME\n", 0 },
    { "cat <<-EOF\n" "\ttabs stripped\n" "\t\tboth\n" "\tEOF",
      "tabs stripped\n" "both\n", 0 },
    { "x=1; cat <<E1; cat <<E2\n" "a $x\n" "E1\n" "b $x\n" "E2",
      "a 1\n" "b 1\n", 0 },
    { "cat <<EOF | cat\n" "piped $HOME\n" "EOF",
      "piped /tmp\n", 0 },
    { "while read a b; do echo \"[$a][$b]\"; done <<EOF\n" "one two three\n" "four\n" "EOF",
      "[one][two three]\n" "[four][]\n", 0 },
    { "read a b <<EOF\n" "one two three\n" "EOF\n" "echo \"$a|$b\"",
      "one|two three\n", 0 },
    { "x=\"multi\n" "line\"; echo \"$x\"",
      "multi\n" "line\n", 0 },
    { "echo ~ ~/x \"~\" x~",
      "/tmp /tmp/x ~ x~\n", 0 },
    { "echo 'single # not a comment' # a comment\n" "echo foo#bar",
      "single # not a comment\n" "foo#bar\n", 0 },
    { "echo \\\n" "continued; echo \"a\\\n" "b\"",
      "continued\n" "ab\n", 0 },
    { "a=b=c; echo $a; e=; echo \"[$e]\"",
      "b=c\n" "[]\n", 0 },
    { "echo $$ > pidfile; sh -c 'echo $$' > pidfile2; [ \"$(cat pidfile)\" = \"$(cat pidfile2)\" ]; echo $?",
      "1\n", 0 },
    { "export FOO=bar; sh -c 'echo $FOO'; BAR=baz sh -c 'echo $BAR'; echo \"[$BAR]\"",
      "bar\n" "baz\n" "[]\n", 0 },
    { "unset FOO; FOO=1; unset FOO; echo \"[${FOO-unset}]\"",
      "[unset]\n", 0 },
    { "x=outer; f() { x=inner; }; f; echo $x; g() { echo \"$# $1\"; }; g a b; echo \"$#\"",
      "inner\n" "2 a\n" "2\n", 0 },
};

/* Files for the globbing cases: g/a.c g/b.c g/c.h g/.hidden g/sub/x.c */
static void setup(void)
{
    mkdir("g", 0755);
    mkdir("g/sub", 0755);
    put_file("g/a.c", "");
    put_file("g/b.c", "");
    put_file("g/c.h", "");
    put_file("g/.hidden", "");
    put_file("g/sub/x.c", "");
}

int main(void)
{
    run_sh_cases(cases, sizeof cases / sizeof cases[0], "/tmp/sh_lang", setup);
    return check_done();
}
