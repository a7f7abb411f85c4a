#!/bin/bash
# A sweep spread over a Slurm job array: task K of the array runs shard K of 10, each writing
# its rows to sweeps/threshold/shards/K-of-10 on the shared file system. When every task has
# finished, combine them (on any node):  npx pathways merge sweeps/threshold
#SBATCH --job-name=pathways-sweep
#SBATCH --array=1-10
#SBATCH --cpus-per-task=1
#SBATCH --mem=4G
#SBATCH --time=04:00:00
set -euo pipefail
npx pathways sweep --plan scenarios/sweeps/threshold.yaml --out sweeps/threshold --shard auto/10 --quiet
