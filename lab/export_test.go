package lab

import "context"

// InsertedIDForTest stands, in WriteBatchForTest's arguments, for the id
// the batch's latest INSERT made.
var InsertedIDForTest any = insertedID{}

// WriteBatchForTest runs the statements as one writeBatch transaction
// (write_batch.go) and returns the id each INSERT made.
func (s *Service) WriteBatchForTest(ctx context.Context, queries []string, args [][]any) ([]int64, error) {
	var ids []int64
	err := s.inTxBatch(ctx, func(_ *txDB, b *writeBatch) error {
		for i, q := range queries {
			b.exec(q, args[i]...)
		}
		return nil
	}, func(b *writeBatch) {
		for k := range queries {
			ids = append(ids, b.insertedIDOf(k))
		}
	})
	return ids, err
}
