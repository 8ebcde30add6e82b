"""CloudWatch's alarm evaluation rules, pure: the same as eventsctl's replay
(src/checks/backtest/evaluate.rs), from "Evaluating an alarm" and "How alarm state is evaluated
when data is missing":
https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarm-evaluation.html
https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/alarms-and-missing-data.html

The evaluation range holds the most recent N + 2 periods (N = EvaluationPeriods; CloudWatch
fetches "more than N", its examples use N + 2):
- N or more datapoints present: the most recent N present ones are evaluated, whatever the
  missing-data setting; M (DatapointsToAlarm) or more breaching is ALARM, fewer is OK.
- fewer than N present: every present one counts, and the rest up to N are filled per
  TreatMissingData: `breaching` fills breaching, `notBreaching` not breaching; `missing` and
  `ignore` fill nothing: M breaching present is ALARM, otherwise any present non-breaching
  datapoint makes it OK, otherwise `missing` goes to INSUFFICIENT_DATA (ALARM when the oldest
  datapoint of the range breaches) and `ignore` keeps the state.
- An alarm on an `AWS/DynamoDB` metric always ignores missing data (PutMetricAlarm,
  TreatMissingData): https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutMetricAlarm.html
- A percentile alarm with EvaluateLowSampleCountPercentile `ignore`: a period with fewer than
  10/(1-p) samples (10/p below p50) keeps the state and is left out of the range:
  https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html#percentiles-with-low-samples
"""

RANGE_EXTRA = 2

OK, ALARM, INSUFFICIENT = "OK", "ALARM", "INSUFFICIENT_DATA"

_COMPARE = {
    "GreaterThanThreshold": (lambda v, t: v > t, "greater than"),
    "GreaterThanOrEqualToThreshold": (lambda v, t: v >= t, "greater than or equal to"),
    "LessThanThreshold": (lambda v, t: v < t, "less than"),
    "LessThanOrEqualToThreshold": (lambda v, t: v <= t, "less than or equal to"),
}


def comparison_words(operator):
    return _COMPARE.get(operator, (None, operator))[1]


def breaches(operator, value, threshold):
    """Whether one datapoint breaches; None for an operator this layer does not evaluate
    (anomaly-detection bands)."""
    entry = _COMPARE.get(operator)
    if entry is None or threshold is None:
        return None
    return entry[0](value, threshold)


def decide(values, n, m, operator, threshold, missing):
    """The new state for one evaluation range (oldest first, None missing), or None to keep
    the current state."""
    present = breaching = 0
    for v in reversed(values):
        if v is None:
            continue
        present += 1
        if present <= n and breaches(operator, v, threshold):
            breaching += 1

    def by_count(count):
        return ALARM if count >= m else OK

    if present >= n:
        return by_count(breaching)
    fills = n - present
    if missing == "breaching":
        return by_count(breaching + fills)
    if missing == "notBreaching":
        return by_count(breaching)
    if breaching >= m:
        return ALARM
    if present > breaching:
        return OK
    if missing == "ignore":
        return None
    if values and values[0] is not None and breaches(operator, values[0], threshold):
        return ALARM
    return INSUFFICIENT


def low_sample_minimum(percentile):
    """The fewest samples a period needs for percentile `percentile` (e.g. 99.0) to count."""
    p = percentile / 100.0
    if p >= 0.5:
        return 10.0 / (1.0 - p) if p < 1.0 else float("inf")
    return 10.0 / p if p > 0 else float("inf")
