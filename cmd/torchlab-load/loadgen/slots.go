package loadgen

import (
	"context"
	"strconv"
	"time"

	"torchlab/lab"
)

// The stations' slots: a year past and three weeks ahead.

// pastSlot returns the id of a past slot (day index d from the start of the
// history, time index t) and counts the booking in it.
func (g *gen) pastSlot(station, d, t int, counts bool) int64 {
	k := ((station-1)*g.cfg.HistoryDays+d)*len(slotTimes) + t
	if counts {
		g.pastBooked[k]++
	}
	return int64(k + 1)
}

func (g *gen) futureSlot(station, d, t int) int64 {
	k := ((station-1)*g.cfg.FutureDays+d)*len(slotTimes) + t
	g.futureBooked[k]++
	return int64(len(g.pastBooked) + k + 1)
}

func (g *gen) slotStart(day lab.Date, t int) time.Time {
	hh, _ := strconv.Atoi(slotTimes[t][:2])
	mm, _ := strconv.Atoi(slotTimes[t][3:])
	m := day.Time(g.loc)
	return time.Date(m.Year(), m.Month(), m.Day(), hh, mm, 0, 0, g.loc).UTC()
}

// slots writes every slot with the bookings counted into it.
func (g *gen) slots(ctx context.Context, out chan<- *batch) error {
	cfg := g.cfg
	first := g.today.AddDays(-cfg.HistoryDays)
	created := cfg.Now.AddDate(0, 0, -cfg.HistoryDays-30)
	emit := func(id int64, station int, day lab.Date, t int, capacity int, booked int32) error {
		end := day.AddDays(1).Time(g.loc).UTC()
		g.t["slots"].add(id, int64(station), day, slotTimes[t], "", g.slotStart(day, t), end,
			max(capacity, int(booked)), int(booked), g.nurses[station-1][0], created)
		g.sum.Slots++
		if g.t["slots"].rows >= 20000 {
			return g.flush(ctx, out)
		}
		return nil
	}
	for s := 1; s <= cfg.Stations; s++ {
		for d := 0; d < cfg.HistoryDays; d++ {
			for t := range slotTimes {
				k := ((s-1)*cfg.HistoryDays+d)*len(slotTimes) + t
				if err := emit(int64(k+1), s, first.AddDays(d), t, 20, g.pastBooked[k]); err != nil {
					return err
				}
			}
		}
		for d := 0; d < cfg.FutureDays; d++ {
			for t := range slotTimes {
				k := ((s-1)*cfg.FutureDays+d)*len(slotTimes) + t
				id := int64(len(g.pastBooked) + k + 1)
				if err := emit(id, s, g.today.AddDays(1+d), t, cfg.FutureCapacity, g.futureBooked[k]); err != nil {
					return err
				}
			}
		}
	}
	return g.flush(ctx, out)
}

var surnames = []string{"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"}
var givenNames = []string{"秀英", "丽", "敏", "静", "芳", "娟", "艳", "霞", "玲", "燕", "婷", "雪", "欣", "悦", "琳", "晶", "佳", "颖", "倩", "蕾"}

// Regions of the seeded ID numbers (the load tool registers women with
// other codes, so that it never collides with a seeded one).
var regions = []string{"110101", "110102", "110105", "110106", "110107", "110108", "310101", "310104", "440103", "440104"}
