# Fits a panel with R's msm (Jackson 2011, J. Stat. Softw. 38(8)), for the agreement test of
# Drempel's multi-state estimator (tests/analysis/test_msm_agreement.py, docs/calibration.md, "Method multistate").
#
#   Rscript msm_fit.R PANEL.csv STATES TRANSITIONS COVARIATES OUT.csv
#
# STATES: comma-separated stage names in state order; TRANSITIONS: "from>to" pairs, comma-separated;
# COVARIATES: comma-separated panel columns, or "" for none. Categorical columns (household,
# background, region) become factors whose first level is the reference, as in Drempel. The
# intensities are fitted uncentred (center = FALSE), so baseline intensities are at z = 0.
# OUT.csv gets one row per parameter: name, estimate (log intensity per month or log hazard
# ratio), standard error from msm's Hessian; and a row "-2loglik".
suppressPackageStartupMessages(library(msm))
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 5) stop("usage: Rscript msm_fit.R PANEL.csv STATES TRANSITIONS COVARIATES OUT.csv")
d <- read.csv(args[1], stringsAsFactors = FALSE, comment.char = "#")
states <- strsplit(args[2], ",")[[1]]
transitions <- lapply(strsplit(args[3], ",")[[1]], function(t) strsplit(t, ">")[[1]])
covariates <- if (nzchar(args[4])) strsplit(args[4], ",")[[1]] else character(0)

d$state <- match(d$stage, states)
d$time <- as.integer(substr(d$month, 1, 4)) * 12 + as.integer(substr(d$month, 6, 7)) - 1
d <- d[order(d$person, d$time), ]
n <- length(states)
Q <- matrix(0, n, n)
for (t in transitions) Q[match(t[1], states), match(t[2], states)] <- 0.1

levels_of <- list(
  household = c("cohabiting", "single", "family"),
  background = c("long_term_unemployed", "newcomer_loi", "psychiatric_care", "supported_housing",
                 "youth_care", "detention", "homeless", "other"))
for (cv in covariates) {
  if (cv %in% names(levels_of)) {
    lv <- levels_of[[cv]]
    d[[cv]] <- factor(d[[cv]], levels = lv[lv %in% d[[cv]]])
  } else if (cv == "region") {
    d[[cv]] <- factor(d[[cv]], levels = sort(unique(d[[cv]]), method = "radix"))
  }
}
form <- if (length(covariates)) as.formula(paste("~", paste(covariates, collapse = " + "))) else NULL
fit <- msm(state ~ time, subject = person, data = d, qmatrix = Q, covariates = form,
           center = FALSE, gen.inits = TRUE,
           control = list(fnscale = nrow(d), reltol = 1e-14, maxit = 10000))
if (fit$opt$convergence != 0) stop("msm did not converge")

# Parameter names as Drempel gives them: "from>to" for a log intensity, "term: from>to" for an
# effect, transitions in the order of TRANSITIONS.
tname <- sapply(transitions, function(t) paste0(t[1], ">", t[2]))
pos <- sapply(transitions, function(t) (match(t[1], states) - 1) * n + match(t[2], states))
# msm orders intensities by reading across the rows of Q.
ord <- rank(pos)
est <- fit$estimates
se <- sqrt(diag(fit$covmat))
nt <- length(transitions)
names_out <- tname
est_out <- est[ord]
se_out <- se[ord]
labels <- fit$qcmodel$covlabels
for (k in seq_along(labels)) {
  term <- labels[k]
  for (cv in covariates) {
    if (is.factor(d[[cv]]) && startsWith(term, cv)) term <- paste0(cv, "=", substring(term, nchar(cv) + 1))
  }
  idx <- nt + (k - 1) * nt + ord
  names_out <- c(names_out, paste0(term, ": ", tname))
  est_out <- c(est_out, est[idx])
  se_out <- c(se_out, se[idx])
  # The effects read back from msm's own matrix: a check of the order assumed above.
  stopifnot(isTRUE(all.equal(unname(est[idx]),
                             sapply(transitions, function(t) fit$Qmatrices[[labels[k]]][match(t[1], states), match(t[2], states)]))))
}
stopifnot(isTRUE(all.equal(unname(exp(est_out[1:nt])),
                           sapply(transitions, function(t) fit$Qmatrices$baseline[match(t[1], states), match(t[2], states)]))))
out <- data.frame(name = c(names_out, "-2loglik"), estimate = c(est_out, fit$minus2loglik),
                  standard_error = c(se_out, NA))
write.csv(out, args[5], row.names = FALSE, quote = TRUE)
