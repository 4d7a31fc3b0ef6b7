using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using Azure;
using Azure.Data.Tables;

namespace DenialPipeline.Letters;

public enum LetterStatus { PendingApproval, Approved, Rejected, Sent, Submitted, Failed }
