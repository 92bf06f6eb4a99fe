test_that("analyze equals the command line's JSON (Iraq 2014)", {
  need_repo()
  iraq <- ps_legislature(repo("data", "iraq-2014.json"))
  expect_equal(iraq$info$total_seats, 328)
  expect_equal(iraq$info$majority, 165)
  a <- ps_analyze(iraq)
  want <- cli_json("analyze", repo("data", "iraq-2014.json"))
  expect_equal(a$rule, want$power$rule)
  expect_equal(a$power$banzhaf_exact,
               vapply(want$power$parties, function(p) p$banzhaf$fraction, ""))
  f <- want$coalitions_meeting_condition
  expect_equal(attr(a$feasible, "minimal_winning"), f$minimal_winning_count)
  first <- a$feasible[a$feasible$theory == "bargaining", ][1, ]
  expect_equal(first$members[[1]],
               unlist(f$theories$bargaining$coalitions[[1]]$coalition$parties))
  expect_setequal(a$government, unlist(want$offices$coalition))
  expect_equal(a$government_basis, want$government_basis)
  expect_equal(a$offices$party,
               vapply(want$offices$reserved, function(r) r$party, ""))
  top <- want$prediction$top
  for (k in seq_along(top)) {
    expect_setequal(a$prediction$members[[k]], unlist(top[[k]]$members))
    expect_equal(a$prediction$probability[k], top[[k]]$probability, tolerance = 1e-9)
  }
})

test_that("a judged government equals coalitions --evaluate", {
  need_repo()
  cases <- list(list("tests/data/evaluate/ni-2007.json", c("dup", "sf", "uup", "sdlp"), NULL),
                list("tests/data/evaluate/ni-2007.json", c("dup", "sf", "uup", "sdlp"),
                     c(dup = 4, sf = 3, uup = 2, sdlp = 1)),
                list("data/iraq-2014.json", c("sol", "ahrar", "kdp"), NULL))
  for (case in cases) {
    leg <- ps_legislature(repo(case[[1]]))
    got <- ps_evaluate(leg, case[[2]], case[[3]])
    args <- c("coalitions", repo(case[[1]]), "--evaluate", paste(case[[2]], collapse = ","))
    if (!is.null(case[[3]]))
      args <- c(args, "--posts", paste(names(case[[3]]), case[[3]], sep = "=", collapse = ","))
    want <- do.call(cli_json, as.list(args))
    expect_equal(got$seats, want$seats)
    expect_equal(got$winning, want$winning)
    expect_equal(got$condition_holds, want$condition$holds)
    expect_equal(got$condition_failed,
                 vapply(want$condition$failed, function(f) f$reason, ""))
    expect_equal(got$members$status,
                 vapply(want$members, function(m)
                   if (m$critical) "critical" else if (m$surplus) "surplus" else "", ""))
    if (isTRUE(want$winning))
      expect_equal(got$members$banzhaf,
                   vapply(want$members, function(m) paste0(m$banzhaf$num, "/", m$banzhaf$den), ""))
  }
})

test_that("what if, portfolios, prediction", {
  need_repo()
  iraq <- ps_legislature(repo("data", "iraq-2014.json"))
  w <- ps_whatif(iraq)
  want <- cli_json("whatif", repo("data", "iraq-2014.json"))$scenarios
  expect_equal(vapply(w, function(s) s$name, ""), vapply(want, function(s) s$name, ""))
  expect_equal(w[[1]]$quota_after, want[[1]]$after$quota)
  expect_equal(w[[1]]$parties$banzhaf_after[1], want[[1]]$parties[[1]]$banzhaf$after$exact)
  one <- ps_whatif(iraq, list(remove = "kdp"))[[1]]
  expect_equal(c(one$quota_before, one$quota_after), c(165, 152))
  be <- ps_legislature(repo("tests", "data", "formation", "be-2014.json"))
  got <- ps_portfolios(be, c("nva", "cdv", "openvld", "mr"), method = "gamson")
  want <- cli_json("portfolios", repo("tests", "data", "formation", "be-2014.json"),
                   "--coalition", "nva,cdv,openvld,mr", "--method", "gamson")
  expect_equal(got$posts, vapply(want$members, function(m) m$posts, 0))
  expect_equal(got$share, vapply(want$members, function(m) m$share$exact, ""))
  p <- ps_predict(iraq, top = 3)
  expect_equal(nrow(p), 3)
  expect_true(attr(p, "in_government")[["sol"]] > 0.9)
})

test_that("the simulation equals powershare simulate", {
  need_repo()
  poll <- repo("tests", "data", "simulate", "de-2021-poll.csv")
  got <- ps_simulate(poll, 598, threshold = "5%", draws = 20000, seed = 3)
  want <- cli_json("simulate", "--seats", "598", "--method", "sainte-lague", "--threshold", "5%",
                   "--draws", "20000", "--seed", "3", poll)
  seated <- Filter(function(p) is.null(p$others), want$parties)
  mine <- got$parties[!got$parties$others, ]
  expect_equal(mine$seats_q50, vapply(seated, function(p) p$seats_q50, 0))
  expect_equal(round(mine$p_seats, 6), vapply(seated, function(p) p$p_seats, 0))
  expect_equal(round(got$coalitions$p_minimal, 6),
               vapply(want$coalitions, function(c) c$p_minimal, 0))
  expect_equal(got$coalitions$parties, lapply(want$coalitions, function(c) unlist(c$parties)))
})

test_that("errors are R conditions with file, line and column", {
  bad <- '{"format": "powershare-legislature/1",\n "total_seats": x}'
  err <- tryCatch(ps_legislature(bad, name = "bad.json"), error = function(e) e)
  expect_s3_class(err, "powershare_parse_error")
  expect_s3_class(err, "powershare_error")
  expect_equal(c(err$line, err$column), c(2L, 17L))
  expect_equal(err$file, "bad.json")
  expect_match(conditionMessage(err), "^bad.json:2:17: ")
  expect_error(ps_legislature(tempfile(fileext = ".json")), class = "powershare_file_error")
  leg <- ps_legislature('{"format": "powershare-legislature/1", "total_seats": 10,
    "parties": [{"id": "a", "seats": 6}, {"id": "b", "seats": 4}]}')
  expect_error(ps_evaluate(leg, c("a", "zz")), class = "powershare_usage_error")
})

test_that("sources: path, text, list, data frame; charts", {
  need_repo()
  path <- repo("tests", "data", "evaluate", "ni-2007.json")
  by_path <- ps_legislature(path)
  by_text <- ps_legislature(paste(readLines(path, encoding = "UTF-8"), collapse = "\n"))
  expect_equal(ps_parties(by_text), ps_parties(by_path))
  frame <- ps_legislature(data.frame(party = c("a", "b", "c"), seats = c(5, 3, 2)))
  expect_equal(ps_parties(frame)$seats, c(5, 3, 2))
  listed <- ps_legislature(list(format = "powershare-legislature/1", total_seats = 10,
                                parties = list(list(id = "a", seats = 6), list(id = "b", seats = 4))))
  expect_equal(listed$info$majority, 6)
  svg <- ps_chart(by_path)
  expect_s3_class(svg, "ps_svg")
  expect_match(svg, "<svg")
  if (requireNamespace("ggplot2", quietly = TRUE)) {
    expect_s3_class(plot(by_path), "ggplot")
    expect_s3_class(plot(by_path, type = "power"), "ggplot")
    # autoplot() is the same picture: the same layers and the same data
    hemicycle <- ggplot2::autoplot(by_path)
    expect_s3_class(hemicycle, "ggplot")
    expect_equal(hemicycle$data, plot(by_path)$data)
    power <- ggplot2::autoplot(by_path, type = "power")
    expect_equal(power$data, plot(by_path, type = "power")$data)
    expect_equal(sort(unique(power$data$index)), c("Banzhaf", "Shapley-Shubik"))
    # one point per seat, coloured by party, in the file's order
    expect_equal(nrow(hemicycle$data), sum(ps_parties(by_path)$seats))
  }
})
