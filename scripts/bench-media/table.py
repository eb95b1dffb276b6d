"""Turns the raw measurements of bench-media.sh into a markdown table (standard library only).

Input: runs.tsv (tool, round, wall_s, user_s, sys_s, maxrss_kb), bytes.tsv (tool, bytes),
ssim.tsv (tool, file, ssim). Output: the table on stdout."""
import statistics
import sys
from collections import defaultdict

work = sys.argv[1]
order = []
runs = defaultdict(list)
for line in open(f"{work}/runs.tsv"):
    tool, _round, wall, user, sys_, rss = line.rstrip("\n").split("\t")
    if tool not in order:
        order.append(tool)
    runs[tool].append((float(wall), float(user) + float(sys_), int(rss)))
size = {}
for line in open(f"{work}/bytes.tsv"):
    tool, b = line.split("\t")
    size[tool] = int(b)
ssim = defaultdict(list)
for line in open(f"{work}/ssim.tsv"):
    tool, _file, v = line.rstrip("\n").split("\t")
    if v != "nan":
        ssim[tool].append(float(v))

print("| tool | wall s (median) | wall s (min–max) | CPU s (user+sys) | peak RSS MB | output MB | SSIM mean (min) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for tool in order:
    r = runs[tool]
    walls = [x[0] for x in r]
    cpu = statistics.median(x[1] for x in r)
    rss = max(x[2] for x in r) / 1024
    out = size.get(tool, 0) / 1e6
    key = tool.split(" ")[0]
    s = ssim.get(key, [])
    s_txt = f"{statistics.mean(s):.4f} ({min(s):.4f})" if s else "–"
    print(
        f"| {tool} | {statistics.median(walls):.2f} | {min(walls):.2f}–{max(walls):.2f} "
        f"| {cpu:.2f} | {rss:.0f} | {out:.2f} | {s_txt} |"
    )

# Output bytes against libvips' for the same job (the no-logo rows, which the SSIM column is
# measured on), so a change to the encoder reads as one number.
vips = size.get("vips (no logo)")
if vips:
    ratios = [
        f"{tool.split(' ')[0]} {size[tool] / vips:.3f}×"
        for tool in order
        if tool.endswith("(no logo)") and not tool.startswith("vips") and tool in size
    ]
    print()
    print("Output bytes against vips (no logo): " + ", ".join(ratios) + ".")
