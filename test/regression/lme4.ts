/**
 * Runs R's lme4::glmer on a CSV file and returns its estimates, for agreement tests and the
 * benchmark. Factor levels are set in code-point order (R's radix sort, the C locale) with
 * the same reference levels, so R and pathways code the same contrasts.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Lme4Fit {
  nAGQ: number;
  /** PIRLS tolerance used (lme4's default is 1e-7). */
  tolPwrss: number;
  terms: string[];
  estimates: number[];
  se: number[];
  variance: number;
  logLik: number;
  /** Wall time of the glmer call alone, measured in R with system.time. */
  seconds: number;
  /** Convergence and singular-fit messages lme4 attached, if any. */
  messages: string[];
}

/** Why lme4 cannot be used here, or null when Rscript with lme4 is available. */
export function lme4Unavailable(): string | null {
  const probe = spawnSync('Rscript', ['-e', 'quit(status = if (requireNamespace("lme4", quietly = TRUE)) 0 else 3)'], {
    encoding: 'utf8',
  });
  if (probe.error) return `Rscript not found (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message})`;
  if (probe.status === 3) return 'R is installed but the lme4 package is not';
  if (probe.status !== 0) return `Rscript failed: ${probe.stderr.trim().split('\n').pop()}`;
  return null;
}

const SCRIPT = String.raw`
suppressMessages(library(lme4))
args <- commandArgs(trailingOnly = TRUE)
spec <- readLines(args[1])
csv <- spec[1]; form <- spec[2]
nagqs <- as.integer(strsplit(spec[3], ",")[[1]])
tols <- as.numeric(strsplit(spec[4], ",")[[1]])
refs <- if (length(spec) >= 5 && nzchar(spec[5])) strsplit(spec[5], "\t")[[1]] else character(0)
d <- read.csv(csv, stringsAsFactors = FALSE, na.strings = c("NA", ""))
for (col in names(d)) if (is.character(d[[col]])) {
  d[[col]] <- factor(d[[col]], levels = sort(unique(d[[col]][!is.na(d[[col]])]), method = "radix"))
}
for (r in refs) { kv <- strsplit(r, "=", fixed = TRUE)[[1]]; d[[kv[1]]] <- relevel(d[[kv[1]]], ref = kv[2]) }
num <- function(x) ifelse(is.finite(x), sprintf("%.17g", x), "null")
str <- function(x) if (length(x)) paste0('"', gsub('"', '\\"', gsub('[[:cntrl:]\\\\]+', ' ', x), fixed = TRUE), '"') else character(0)
arr <- function(x) paste0("[", paste(x, collapse = ","), "]")
out <- character(0)
for (k in nagqs) for (tp in tols) {
  if (k > 1 && tp != tols[1]) next
  msgs <- character(0)
  tm <- system.time(m <- withCallingHandlers(
    glmer(as.formula(form), data = d, family = binomial, nAGQ = k, control = glmerControl(tolPwrss = tp)),
    warning = function(w) { msgs <<- c(msgs, conditionMessage(w)); invokeRestart("muffleWarning") },
    message = function(mm) { msgs <<- c(msgs, trimws(conditionMessage(mm))); invokeRestart("muffleMessage") }))
  cf <- summary(m)$coefficients
  out <- c(out, paste0("{", paste(c(
    paste0('"nAGQ":', k), paste0('"tolPwrss":', num(tp)),
    paste0('"terms":', arr(str(rownames(cf)))),
    paste0('"estimates":', arr(num(cf[, 1]))), paste0('"se":', arr(num(cf[, 2]))),
    paste0('"variance":', num(as.numeric(VarCorr(m)[[1]][1]))),
    paste0('"logLik":', num(as.numeric(logLik(m)))),
    paste0('"seconds":', num(tm[["elapsed"]])),
    paste0('"messages":', arr(str(msgs)))), collapse = ","), "}"))
}
cat(paste0("[", paste(out, collapse = ","), "]\n"))
`;

export interface Lme4Request {
  csvPath: string;
  formula: string;
  nAGQ: number[];
  /** PIRLS tolerances to fit nAGQ = 1 with; the first is used for nAGQ > 1. Default [1e-7]. */
  tolPwrss?: number[];
  reference?: Record<string, string>;
}

export function runLme4(request: Lme4Request): Lme4Fit[] {
  const dir = mkdtempSync(join(tmpdir(), 'pathways-lme4-'));
  // The benchmarks call this too, outside any test's clean-up: the folder goes when the fit is read.
  try {
    const scriptPath = join(dir, 'fit.R');
    const specPath = join(dir, 'spec.txt');
    writeFileSync(scriptPath, SCRIPT);
    const tolerances = request.tolPwrss ?? [1e-7];
    writeFileSync(
      specPath,
      [
        request.csvPath,
        request.formula,
        request.nAGQ.join(','),
        tolerances.map((t) => t.toExponential()).join(','),
        Object.entries(request.reference ?? {})
          .map(([k, v]) => `${k}=${v}`)
          .join('\t'),
      ].join('\n') + '\n',
    );
    const run = spawnSync('Rscript', [scriptPath, specPath], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.status !== 0) throw new Error(`Rscript lme4 fit failed (status ${run.status}): ${run.stderr}`);
    const lines = run.stdout.trim().split('\n');
    return JSON.parse(lines[lines.length - 1]) as Lme4Fit[];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
