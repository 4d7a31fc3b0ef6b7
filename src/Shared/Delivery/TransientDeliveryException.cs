using DenialPipeline.Mail;
using DenialPipeline.Pipeline;
using System.Net;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace DenialPipeline.Delivery;

/// <summary>Thrown for failures worth retrying (429, 5xx): the queue runtime retries, then poisons.</summary>
public sealed class TransientDeliveryException(string message) : Exception(message);
