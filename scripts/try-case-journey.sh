#!/bin/bash
# The issue's "done when", as a new user would try it against `npm start` (port in $B).
B=${B:-http://localhost:3000}
login() { # user → sets cookie jar ${TMPDIR:-/tmp}/shequ_j_$1 and prints csrf
  curl -s -c ${TMPDIR:-/tmp}/shequ_j_$1 -H 'content-type: application/json' -d "{\"username\":\"$1\",\"password\":\"Shequ@demo2026\"}" $B/api/auth/login | python3 -c 'import sys,json;print(json.load(sys.stdin)["csrfToken"])'
}
call() { # user method path [body]
  local u=$1 m=$2 p=$3 d=${4:-}
  local t=$(cat ${TMPDIR:-/tmp}/shequ_t_$u)
  if [ -n "$d" ]; then curl -s -b ${TMPDIR:-/tmp}/shequ_j_$u -X $m -H 'content-type: application/json' -H "x-csrf-token: $t" -d "$d" $B$p
  else curl -s -b ${TMPDIR:-/tmp}/shequ_j_$u -X $m -H "x-csrf-token: $t" $B$p; fi
}
for u in agent gl.handler dispatcher leader gl01.worker; do login $u > ${TMPDIR:-/tmp}/shequ_t_$u; done
show() { python3 -c 'import sys,json;d=json.load(sys.stdin);print(json.dumps({k:d.get(k) for k in sys.argv[1:]},ensure_ascii=False))' "$@"; }
echo "--- figures before"; call leader GET /api/figures/summary | python3 -c 'import sys,json;d=json.load(sys.stdin);print(json.dumps(d,ensure_ascii=False)[:600])'
echo "--- register (agent)"
R=$(call agent POST /api/cases '{"channel":"hotline","kind":"complaint","categoryCode":"UM01","description":"小区门口垃圾桶三天没人清运","location":{"address":"鼓楼街道中山社区公园路3号"},"reporter":{"name":"王大爷","phone":"13805741234"}}')
echo "$R" | show trackingNo status leadUnit signDueAt resolveDueAt
ID=$(echo "$R" | python3 -c 'import sys,json;print(json.load(sys.stdin)["id"])')
echo "--- illegal: community worker signs"; call gl01.worker POST /api/cases/$ID/sign '{}'; echo
echo "--- illegal: resolve unsigned"; call gl.handler POST /api/cases/$ID/resolve '{"outcome":"solved","text":"x"}'; echo
echo "--- sign"; call gl.handler POST /api/cases/$ID/sign '{}' | show status signedAt
echo "--- extension"; X=$(call gl.handler POST /api/cases/$ID/extensions '{"days":2,"reason":"需协调物业"}' | python3 -c 'import sys,json;print(json.load(sys.stdin)["extensions"][0]["id"])')
call dispatcher POST /api/cases/$ID/extensions/$X/decision '{"approve":true}' | show resolveDueAt extendedDays
echo "--- resolve"; call gl.handler POST /api/cases/$ID/resolve '{"outcome":"solved","text":"已清运"}' | show status resolvedAt
echo "--- callback"; call agent POST /api/cases/$ID/callback '{"answered":true,"solved":true,"rating":"satisfied"}' | show status rating
echo "--- triage: uncategorised case"; call agent POST /api/cases '{"description":"反映一个问题不知道归谁管","location":{"address":"鼓楼街道中山社区"}}' | show status triageReason
echo "--- figures after"; call leader GET /api/figures/summary | python3 -c 'import sys,json;d=json.load(sys.stdin);print(json.dumps(d,ensure_ascii=False)[:900])'
