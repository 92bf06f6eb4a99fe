# recipe.sh - sourced by the cases of this folder: runs the recipe of
# docs/data.md ("From `seats` to a legislature file") exactly as written
# there, in $T, with `powershare` standing for $PS. Its code blocks are
# taken from the document, so the case fails when the document's commands
# stop working. Usage: recipe_blocks; then run_block N (the Nth ```sh block
# of that section, from 0).
root=$(pwd)
recipe_blocks() {
    python3 - "$root/docs/data.md" "$T" <<'PY' || exit 1
import re, sys
text = open(sys.argv[1], encoding='utf-8').read()
start = text.index('## From `seats` to a legislature file')
end = text.find('\n## ', start + 1)
section = text[start:end if end > 0 else len(text)]
blocks = re.findall(r'```(\w*)\n(.*?)```', section, re.S)
sh = [b for lang, b in blocks if lang == 'sh']
for i, b in enumerate(sh):
    open('%s/block%d.sh' % (sys.argv[2], i), 'w', encoding='utf-8').write(b)
# the hand-written table that the text says to save as tk2017-parties.csv
parties = [b for lang, b in blocks if lang == 'csv' and b.startswith('party,id,')]
open(sys.argv[2] + '/tk2017-parties.csv', 'w', encoding='utf-8').write(parties[0])
PY
    cd "$T" || exit 1
    ln -s "$root/tests" tests
}
powershare() { "$PS" "$@"; }
run_block() { set -e; . "$T/block$1.sh"; set +e; }
